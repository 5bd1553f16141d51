import type { Conv2dAttrs } from './Conv2d.js';
import type { Exactness } from './exactness.js';

/**
 * The gradient of {@link Conv2d} with respect to its input, for the convolution the attributes
 * describe (input size `height × width`, which also fixes a transposed convolution's output
 * padding): `inputGrad = ∂(Σ outputGrad · Conv2d(input, weights)) / ∂input`. For a convolution
 * this is the transposed convolution of `outputGrad` with the same weights, and for a transposed
 * convolution the plain convolution.
 */
export const Conv2dBackpropInput = 'Conv2dBackpropInput';
export interface Conv2dBackpropInputInputs {
  /** `[batch, outChannels, outHeight, outWidth]`. */
  readonly outputGrad: Float32Array;
  /** The forward weights, in the layout of {@link Conv2dAttrs}. */
  readonly weights: Float32Array;
}
export type Conv2dBackpropInputAttrs = Conv2dAttrs;
/** `[batch, inChannels, height, width]`. */
export type Conv2dBackpropInputOutputs = Float32Array;
export const Conv2dBackpropInputExactness: Exactness = { atol: 1e-4, rtol: 1e-4 };
