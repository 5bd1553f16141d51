import type { CdfTables } from '@lico/core';
import { GaussianDensity } from '@lico/quantizers';
import { MIXTURE_WEIGHT_ONE } from './integer-softmax.js';

/** Component means are rounded to 1/16 of a quantizer step: 16 tabulated sub-step positions. */
export const MIXTURE_MEAN_PHASES = 16;
/** A per-symbol mixture table spans at most this many values; the rest is escaped. */
export const MIXTURE_MAX_SYMBOLS = 1 << 13;
/** Largest half-width of one component's table, in steps. */
const MAX_HALF_WIDTH = (MIXTURE_MAX_SYMBOLS >> 1) - 1;
/** Gaussian mass beyond 7σ is below 2^-38: far under what 16-bit tables resolve. */
const TAIL_SIGMAS = 7;

/**
 * One cumulative table per (scale, mean phase) of a mixture component, in Q16 at the cell
 * boundaries of the values `n − L … n + L` around the component's whole-step mean `n`:
 * entry j is `round(2^16 · Φ((j − L − ½ − phase/16) · Δ / σ))`, forced to 0 and 2^16 at the
 * ends. Built once per model (the only float step, like every table of Lico); a mixture
 * weighs these integers per symbol ({@link mixtureSymbolTables}).
 */
export interface MixtureComponentTables {
  readonly cdf: Uint32Array;
  /** `starts[s · 16 + phase]`: where the table of scale index s and that phase begins. */
  readonly starts: Uint32Array;
  /** L of each scale index: its tables have 2L + 2 boundaries. */
  readonly halfWidths: Int32Array;
}

export function buildMixtureComponentTables(scales: readonly number[], step: number): MixtureComponentTables {
  const halfWidths = Int32Array.from(scales, (s) => Math.min(Math.ceil((TAIL_SIGMAS * s) / step) + 1, MAX_HALF_WIDTH));
  const starts = new Uint32Array(scales.length * MIXTURE_MEAN_PHASES + 1);
  let total = 0;
  for (let s = 0; s < scales.length; s++) {
    for (let phase = 0; phase < MIXTURE_MEAN_PHASES; phase++) {
      starts[s * MIXTURE_MEAN_PHASES + phase] = total;
      total += 2 * halfWidths[s] + 2;
    }
  }
  starts[starts.length - 1] = total;
  const cdf = new Uint32Array(total);
  scales.forEach((sigma, s) => {
    const density = new GaussianDensity(sigma);
    const half = halfWidths[s];
    for (let phase = 0; phase < MIXTURE_MEAN_PHASES; phase++) {
      const begin = starts[s * MIXTURE_MEAN_PHASES + phase];
      for (let j = 1; j <= 2 * half; j++) {
        const boundary = (j - half - 0.5 - phase / MIXTURE_MEAN_PHASES) * step;
        cdf[begin + j] = Math.round(density.cdf(boundary) * MIXTURE_WEIGHT_ONE);
      }
      cdf[begin + 2 * half + 1] = MIXTURE_WEIGHT_ONE;
    }
  });
  return { cdf, starts, halfWidths };
}

/** Integer mixture parameters of the symbols of one tensor, component-major (`[k · count + i]`). */
export interface MixtureParameters {
  /** Q16 weights from {@link integerSoftmax}: they sum to 2^16 at each position. */
  readonly weights: Int32Array;
  /** Component means in the latent fixed point (2^-8). */
  readonly means: Int32Array;
  /** Component scale indexes into the model's scale table. */
  readonly scaleIndexes: Int32Array;
}

/**
 * A mean in the 2^-8 fixed point as a count of 1/16 steps, `round(μ · 16 / Δ)` with halves
 * up, in integers (`fixedStep` = round(Δ · 2^8)).
 */
export function meanInPhases(fixedMean: number, fixedStep: number): number {
  return Math.floor((fixedMean * MIXTURE_MEAN_PHASES + Math.floor(fixedStep / 2)) / fixedStep);
}

/**
 * The per-symbol CDF tables (16-bit, last symbol the escape) of symbols `begin … end − 1`.
 * For each symbol: the mixture cumulative `M(x) = Σ_k π_k · C_k(x)` (Q32, exact in integers)
 * over the union of its components' supports (at most {@link MIXTURE_MAX_SYMBOLS} values,
 * centered on the heaviest component), then `cdf[j] = floor((M(j) − M(0)) · (2^16 − n − 1) / D) + j`:
 * the floors give the mass and the `+ j` a frequency of at least 1 to each of the n values and
 * the escape. Nothing but integer arithmetic (every product stays below 2^53), so all
 * platforms build the same tables.
 */
export function mixtureSymbolTables(
  params: MixtureParameters,
  components: number,
  tables: MixtureComponentTables,
  fixedStep: number,
  begin: number,
  end: number,
): CdfTables {
  const count = params.weights.length / components;
  const symbols = end - begin;
  // Per symbol and component: first value of its table, its width and where its table starts.
  const low = new Float64Array(symbols * components);
  const width = new Float64Array(symbols * components);
  const base = new Float64Array(symbols * components);
  const firsts = new Float64Array(symbols);
  const starts = new Uint32Array(symbols + 1);
  for (let s = 0; s < symbols; s++) {
    const i = begin + s;
    let first = Number.POSITIVE_INFINITY;
    let last = Number.NEGATIVE_INFINITY;
    let heaviest = 0;
    for (let k = 0; k < components; k++) {
      const at = k * count + i;
      const phases = meanInPhases(params.means[at], fixedStep);
      const whole = Math.floor(phases / MIXTURE_MEAN_PHASES);
      const scale = params.scaleIndexes[at];
      const half = tables.halfWidths[scale];
      const slot = s * components + k;
      low[slot] = whole - half;
      width[slot] = 2 * half + 1;
      base[slot] = tables.starts[scale * MIXTURE_MEAN_PHASES + phases - whole * MIXTURE_MEAN_PHASES];
      if (params.weights[at] > params.weights[heaviest * count + i]) heaviest = k;
      if (params.weights[at] === 0) continue;
      first = Math.min(first, low[slot]);
      last = Math.max(last, low[slot] + width[slot] - 1);
    }
    if (last - first + 1 > MIXTURE_MAX_SYMBOLS) {
      const slot = s * components + heaviest;
      first = Math.max(first, low[slot] + (width[slot] - 1) / 2 - MIXTURE_MAX_SYMBOLS / 2);
      last = first + MIXTURE_MAX_SYMBOLS - 1;
    }
    firsts[s] = first;
    // n values and the escape: n + 2 boundaries.
    starts[s + 1] = starts[s] + (last - first + 1) + 2;
  }
  const cdf = new Uint32Array(starts[symbols]);
  const cumulative = new Float64Array(MIXTURE_MAX_SYMBOLS + 1);
  for (let s = 0; s < symbols; s++) {
    const i = begin + s;
    const values = starts[s + 1] - starts[s] - 2;
    cumulative.fill(0, 0, values + 1);
    for (let k = 0; k < components; k++) {
      const weight = params.weights[k * count + i];
      if (weight === 0) continue;
      const slot = s * components + k;
      // Boundary j reads entry j + shift of the component's table, clamped to its ends (0 and 2^16).
      const shift = firsts[s] - low[slot];
      const top = width[slot];
      const from = Math.min(Math.max(-shift, 0), values + 1);
      const to = Math.min(Math.max(top - shift, from), values + 1);
      const at = base[slot] + shift;
      for (let j = from; j < to; j++) cumulative[j] += weight * tables.cdf[at + j];
      const full = weight * MIXTURE_WEIGHT_ONE;
      for (let j = to; j <= values; j++) cumulative[j] += full;
    }
    const row = starts[s];
    const free = MIXTURE_WEIGHT_ONE - values - 1;
    const origin = cumulative[0];
    const range = cumulative[values] - origin;
    for (let j = 0; j <= values; j++) cdf[row + j] = Math.floor(((cumulative[j] - origin) * free) / range) + j;
    cdf[row + values + 1] = MIXTURE_WEIGHT_ONE;
  }
  return { precision: 16, cdf, starts, valueOffsets: Int32Array.from(firsts) };
}
