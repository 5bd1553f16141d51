import type { Exactness } from './exactness.js';

/**
 * Integer 2-D convolution (or transposed convolution) for the deterministic entropy-parameter
 * path (`docs/integer-networks.md`): every backend computes the same int32 results.
 *
 * `input` is `[inChannels, height, width]`. Convolution (PyTorch semantics, zero padding):
 * weights `[outChannels, inChannels, kH, kW]`, output size `floor((H + 2p − kH)/s) + 1`,
 * `acc[o][y][x] = bias[o] + Σ w[o][c][i][j] · input[c][y·s − p + i][x·s − p + j]`.
 * Transposed: weights `[inChannels, outChannels, kH, kW]`, output size
 * `(H − 1)·s − 2p + kH + outputPadding`, and every input value adds `w[c][o][i][j] · input[c][y][x]`
 * to output `(y·s − p + i, x·s − p + j)`.
 * Then `out = clamp((acc + round) >> shift, clampMin, clampMax)`, with `round = 2^(shift−1)`
 * (0 when shift is 0) and an arithmetic shift: rounding half up. A clamp to [0, 2^b − 1] is
 * the quantized ReLU of integer networks.
 * Accumulators never overflow: the inputs must satisfy
 * `max|input| · max|w| · inChannels · kH · kW + max|bias| + round < 2^31` (checked).
 */
export const IntConv2d = 'IntConv2d';
export interface IntConv2dInputs {
  readonly input: Int32Array;
  readonly weights: Int32Array;
  readonly bias: Int32Array;
}
export interface IntConv2dAttrs {
  readonly inChannels: number;
  readonly height: number;
  readonly width: number;
  readonly outChannels: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly stride: number;
  readonly padding: number;
  readonly transposed: boolean;
  /** Transposed only: extra rows and columns at the bottom and right, below `stride`. */
  readonly outputPadding: number;
  /** 0 to 30. */
  readonly shift: number;
  /** int32, at most clampMax. */
  readonly clampMin: number;
  /** int32. */
  readonly clampMax: number;
}
/** `[outChannels, outHeight, outWidth]`. */
export type IntConv2dOutputs = Int32Array;
export const IntConv2dExactness: Exactness = 'bit-exact';
