import type { ActivationAttrs } from './Activation.js';
import type { Exactness } from './exactness.js';

/**
 * The gradient of {@link Activation}: `inputGrad = outputGrad · f′(input)`, with relu′ = 1 for
 * x > 0 else 0, leakyRelu′ = 1 for x > 0 else `negativeSlope` (PyTorch's choices at 0),
 * sigmoid′ = σ(x)(1 − σ(x)), tanh′ = 1 − tanh²(x) and softplus′ = σ(x).
 */
export const ActivationBackprop = 'ActivationBackprop';
export interface ActivationBackpropInputs {
  /** The forward input. */
  readonly input: Float32Array;
  readonly outputGrad: Float32Array;
}
export type ActivationBackpropAttrs = ActivationAttrs;
export type ActivationBackpropOutputs = Float32Array;
export const ActivationBackpropExactness: Exactness = { atol: 1e-6, rtol: 1e-5 };
