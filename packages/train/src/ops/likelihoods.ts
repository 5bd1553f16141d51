import { invalidArgument } from '@lico/core';
import { accumulate, result, shapeOf, Variable } from '../variable.js';
import { normalCdf, normalPdf } from './normal.js';

/** Bounds of CompressAI's `GaussianConditional`: scales ≥ 0.11, likelihoods ≥ 1e-9. */
export interface LikelihoodBounds {
  readonly scaleBound?: number;
  readonly likelihoodBound?: number;
}

const sameShape = (a: Variable, b: Variable, what: string) => {
  if (!(b instanceof Variable) || b.size !== a.size || b.shape.some((d, i) => d !== a.shape[i]))
    invalidArgument(what, `a Variable of shape [${a.shape.join(', ')}]`, b);
};

// The probability of the unit bin around v under N(0, s²), Φ((½ − |v|)/s) − Φ((−½ − |v|)/s)
// (on |v|: the far tail, where it is more precise), stored at k of `p`, with its derivatives by
// v and by s at k of `dv` and `ds`.
function bin(v: number, s: number, k: number, p: Float32Array, dv: Float32Array, ds: Float32Array): number {
  const a = Math.abs(v);
  const u = (0.5 - a) / s;
  const l = (-0.5 - a) / s;
  const pu = normalPdf(u);
  const pl = normalPdf(l);
  // ∂p/∂|v| = (φ(l) − φ(u))/s; ∂p/∂s = (l·φ(l) − u·φ(u))/s.
  dv[k] = (Math.sign(v) * (pl - pu)) / s;
  ds[k] = (l * pl - u * pu) / s;
  const value = normalCdf(u) - normalCdf(l);
  p[k] = value;
  return value;
}

/**
 * The likelihood of each (quantized or noisy) value under a Gaussian of the given scale and mean,
 * integrated over its unit bin: CompressAI's `GaussianConditional` likelihood,
 * `Φ((½ − |y − μ|)/σ) − Φ((−½ − |y − μ|)/σ)` with σ lower-bounded at 0.11 and the result at
 * 1e-9 (both bounds pass gradients that push up, as CompressAI's `LowerBound`).
 */
export function gaussianLikelihood(
  y: Variable,
  scales: Variable,
  means?: Variable,
  bounds: LikelihoodBounds = {},
): Variable {
  sameShape(y, scales, 'gaussianLikelihood(scales)');
  if (means) sameShape(y, means, 'gaussianLikelihood(means)');
  const scaleBound = bounds.scaleBound ?? 0.11;
  const likelihoodBound = bounds.likelihoodBound ?? 1e-9;
  const n = y.size;
  const out = new Float32Array(n);
  const above = new Uint8Array(n);
  const dv = new Float32Array(n);
  const ds = new Float32Array(n);
  gaussianForward(y.data, scales.data, means?.data, scaleBound, likelihoodBound, out, above, dv, ds);
  const inputs = means ? [y, scales, means] : [y, scales];
  return result('gaussianLikelihood', out, y.shape, inputs, (g) => {
    const gy = new Float32Array(n);
    const gs = new Float32Array(n);
    gaussianBackward(g, scales.data, scaleBound, above, dv, ds, gy, gs);
    if (means) {
      const gm = new Float32Array(n);
      for (let k = 0; k < n; k++) gm[k] = -gy[k];
      accumulate(means, gm);
    }
    accumulate(y, gy);
    accumulate(scales, gs);
  });
}

// The loops of gaussianLikelihood as plain functions, which V8 optimizes once and for all.
function gaussianForward(
  y: Float32Array,
  scales: Float32Array,
  means: Float32Array | undefined,
  scaleBound: number,
  likelihoodBound: number,
  out: Float32Array,
  above: Uint8Array,
  dv: Float32Array,
  ds: Float32Array,
): void {
  for (let k = 0; k < y.length; k++) {
    const v = means ? y[k] - means[k] : y[k];
    const p = bin(v, Math.max(scales[k], scaleBound), k, out, dv, ds);
    out[k] = Math.max(p, likelihoodBound);
    above[k] = p >= likelihoodBound ? 1 : 0;
  }
}

function gaussianBackward(
  g: Float32Array,
  scales: Float32Array,
  scaleBound: number,
  above: Uint8Array,
  dv: Float32Array,
  ds: Float32Array,
  gy: Float32Array,
  gs: Float32Array,
): void {
  for (let k = 0; k < g.length; k++) {
    // Below the likelihood bound only gradients that push it up pass.
    const gp = above[k] || g[k] < 0 ? g[k] : 0;
    gy[k] = gp * dv[k];
    const gsBounded = gp * ds[k];
    gs[k] = scales[k] >= scaleBound || gsBounded < 0 ? gsBounded : 0;
  }
}

/**
 * The likelihood under a K-component Gaussian mixture (Cheng et al., CVPR 2020), per value:
 * `Σ_k w_k · (Φ((½ − |y − μ_k|)/σ_k) − Φ((−½ − |y − μ_k|)/σ_k))`, σ_k ≥ 0.11, result ≥ 1e-9.
 * `weights`, `means` and `scales` are `[N, K·C, H, W]` (component k of channel c at channel
 * k·C + c); `weights` should sum to 1 over k (see `softmaxChannels`).
 */
export function gaussianMixtureLikelihood(
  y: Variable,
  weights: Variable,
  means: Variable,
  scales: Variable,
  bounds: LikelihoodBounds = {},
): Variable {
  const [n, c, h, w] = shapeOf(y, 4, 'gaussianMixtureLikelihood(y)');
  const [, kc] = shapeOf(weights, 4, 'gaussianMixtureLikelihood(weights)');
  const K = kc / c;
  if (!Number.isInteger(K) || K < 1 || weights.size !== y.size * K)
    invalidArgument('weights', `[${n}, K·${c}, ${h}, ${w}]`, `[${weights.shape.join(', ')}]`);
  sameShape(weights, means, 'gaussianMixtureLikelihood(means)');
  sameShape(weights, scales, 'gaussianMixtureLikelihood(scales)');
  const scaleBound = bounds.scaleBound ?? 0.11;
  const likelihoodBound = bounds.likelihoodBound ?? 1e-9;
  const plane = c * h * w;
  const at = (k: number, component: number) => Math.floor(k / plane) * K * plane + component * plane + (k % plane);
  const out = new Float32Array(y.size);
  const above = new Uint8Array(y.size);
  const parts = new Float32Array(weights.size);
  const dv = new Float32Array(weights.size);
  const ds = new Float32Array(weights.size);
  for (let k = 0; k < y.size; k++) {
    let total = 0;
    for (let j = 0; j < K; j++) {
      const i = at(k, j);
      const p = bin(y.data[k] - means.data[i], Math.max(scales.data[i], scaleBound), i, parts, dv, ds);
      total += weights.data[i] * p;
    }
    out[k] = Math.max(total, likelihoodBound);
    above[k] = total >= likelihoodBound ? 1 : 0;
  }
  return result('gaussianMixtureLikelihood', out, y.shape, [y, weights, means, scales], (g) => {
    const gy = new Float32Array(y.size);
    const gw = new Float32Array(weights.size);
    const gm = new Float32Array(weights.size);
    const gs = new Float32Array(weights.size);
    for (let k = 0; k < y.size; k++) {
      const gp = above[k] || g[k] < 0 ? g[k] : 0;
      for (let j = 0; j < K; j++) {
        const i = at(k, j);
        gw[i] = gp * parts[i];
        const gv = gp * weights.data[i] * dv[i];
        gy[k] += gv;
        gm[i] = -gv;
        const gsBounded = gp * weights.data[i] * ds[i];
        gs[i] = scales.data[i] >= scaleBound || gsBounded < 0 ? gsBounded : 0;
      }
    }
    accumulate(y, gy);
    accumulate(weights, gw);
    accumulate(means, gm);
    accumulate(scales, gs);
  });
}
