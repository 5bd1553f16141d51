import type { Exactness } from './exactness.js';

/**
 * The shape of a GDN or IGDN layer's input, shared by {@link Gdn} and {@link GdnBackprop}.
 */
export interface GdnAttrs {
  readonly batch: number;
  readonly channels: number;
  readonly height: number;
  readonly width: number;
  /** IGDN (`x · sqrt(norm)`) instead of GDN (`x / sqrt(norm)`). */
  readonly inverse: boolean;
}

/**
 * Generalized divisive normalization (Ballé et al., "Density modeling of images using a
 * generalized normalization transformation", ICLR 2016; CompressAI's `GDN`) over a batch, NCHW:
 * `norm[n][i][y][x] = beta[i] + Σ_j gamma[i][j] · input[n][j][y][x]²`, then
 * `output = input / sqrt(norm)`, or `input · sqrt(norm)` when `inverse` (IGDN).
 * `beta` and `gamma` are the effective (non-negative) parameters, after reparametrization.
 */
export const Gdn = 'Gdn';
export interface GdnInputs {
  /** `[batch, channels, height, width]`. */
  readonly input: Float32Array;
  /** `[channels]`, positive. */
  readonly beta: Float32Array;
  /** `[channels, channels]`, non-negative: row i weighs the squares that normalize channel i. */
  readonly gamma: Float32Array;
}
export interface GdnOutputs {
  /** `[batch, channels, height, width]`. */
  readonly output: Float32Array;
  /** `[batch, channels, height, width]`: `norm` before the square root, kept for {@link GdnBackprop}. */
  readonly norm: Float32Array;
}
export const GdnExactness: Exactness = { atol: 1e-5, rtol: 1e-4 };
