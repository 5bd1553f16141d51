import type { Exactness } from './exactness.js';

/**
 * The geometry of a float 2-D convolution or transposed convolution over a batch (NCHW, PyTorch
 * semantics, zero padding), shared by {@link Conv2d} and its two gradients.
 *
 * Convolution: weights `[outChannels, inChannels, kH, kW]`, output size
 * `floor((H + 2p − kH)/s) + 1`. Transposed convolution (PyTorch's `ConvTranspose2d`): weights
 * `[inChannels, outChannels, kH, kW]`, output size `(H − 1)·s − 2p + kH + outputPadding`.
 */
export interface Conv2dAttrs {
  readonly batch: number;
  readonly inChannels: number;
  /** Input rows. */
  readonly height: number;
  /** Input columns. */
  readonly width: number;
  readonly outChannels: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly stride: number;
  readonly padding: number;
  readonly transposed: boolean;
  /** Transposed only: extra rows and columns at the bottom and right, below `stride`. */
  readonly outputPadding: number;
}

/**
 * Float 2-D convolution of a batch, the forward pass of training (see {@link Conv2dAttrs}):
 * `out[n][o][y][x] = bias[o] + Σ w[o][c][i][j] · input[n][c][y·s − p + i][x·s − p + j]`;
 * transposed, every input value adds `w[c][o][i][j] · input[n][c][y][x]` to output
 * `(y·s − p + i, x·s − p + j)`, which is the input gradient of the convolution with the same weights.
 */
export const Conv2d = 'Conv2d';
export interface Conv2dInputs {
  /** `[batch, inChannels, height, width]`. */
  readonly input: Float32Array;
  readonly weights: Float32Array;
  /** `[outChannels]`, or absent for none. */
  readonly bias?: Float32Array;
}
/** `[batch, outChannels, outHeight, outWidth]`. */
export type Conv2dOutputs = Float32Array;
/** Sums of a few thousand float32 products in another order: a relative error near 1e-6. */
export const Conv2dExactness: Exactness = { atol: 1e-4, rtol: 1e-4 };
