import type { Conv2dAttrs } from './Conv2d.js';
import type { Exactness } from './exactness.js';

/**
 * The gradients of {@link Conv2d} with respect to its weights and bias, summed over the batch:
 * convolution `weightsGrad[o][c][i][j] = Σ outputGrad[n][o][y][x] · input[n][c][y·s − p + i][x·s − p + j]`,
 * transposed `weightsGrad[c][o][i][j] = Σ input[n][c][y][x] · outputGrad[n][o][y·s − p + i][x·s − p + j]`
 * (positions outside the tensors count as 0), and `biasGrad[o] = Σ outputGrad[n][o][·][·]`.
 */
export const Conv2dBackpropFilter = 'Conv2dBackpropFilter';
export interface Conv2dBackpropFilterInputs {
  /** `[batch, inChannels, height, width]`: the forward input. */
  readonly input: Float32Array;
  /** `[batch, outChannels, outHeight, outWidth]`. */
  readonly outputGrad: Float32Array;
}
export interface Conv2dBackpropFilterAttrs extends Conv2dAttrs {
  /** Whether to compute `biasGrad` too. */
  readonly hasBias: boolean;
}
export interface Conv2dBackpropFilterOutputs {
  /** In the weight layout of {@link Conv2dAttrs}. */
  readonly weightsGrad: Float32Array;
  /** `[outChannels]`, when `hasBias`. */
  readonly biasGrad?: Float32Array;
}
/** Sums over the whole batch: keep inputs of moderate size when comparing backends. */
export const Conv2dBackpropFilterExactness: Exactness = { atol: 1e-3, rtol: 1e-4 };
