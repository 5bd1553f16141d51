import type { Exactness } from './exactness.js';
import type { GdnAttrs } from './Gdn.js';

/**
 * The gradients of {@link Gdn}: with `q[i] = outputGrad[i] · input[i] · ∂(norm^∓½)/∂norm` at
 * `norm[i]` (`−½·norm^−3/2` for GDN, `½·norm^−1/2` for IGDN), `inputGrad[j] = outputGrad[j] ·
 * norm[j]^∓½ + 2 · input[j] · Σ_i gamma[i][j] · q[i]`, `betaGrad[i] = Σ q[i]` and
 * `gammaGrad[i][j] = Σ q[i] · input[j]²`, both summed over the batch and every position.
 */
export const GdnBackprop = 'GdnBackprop';
export interface GdnBackpropInputs {
  readonly input: Float32Array;
  /** {@link Gdn}'s `norm` for this input. */
  readonly norm: Float32Array;
  readonly outputGrad: Float32Array;
  readonly gamma: Float32Array;
}
export type GdnBackpropAttrs = GdnAttrs;
export interface GdnBackpropOutputs {
  readonly inputGrad: Float32Array;
  readonly betaGrad: Float32Array;
  readonly gammaGrad: Float32Array;
}
/** betaGrad and gammaGrad are sums over the batch: compare them relative to their size. */
export const GdnBackpropExactness: Exactness = { atol: 1e-4, rtol: 1e-4 };
