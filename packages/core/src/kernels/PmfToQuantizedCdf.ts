import type { Exactness } from './exactness.js';

/**
 * Quantizes probability mass functions, given as non-negative integer weights, to CDF tables
 * of `2^precision` total, integer arithmetic only:
 * with `n` symbols, weights `w` summing to `W` (all-zero weights count as all ones) and
 * `K = 2^precision - n`, symbol i gets `1 + floor(w_i K / W)`, and the `K - Σ floor(…)`
 * units left go one each to the symbols with the largest remainders `w_i K mod W`
 * (ties to the lower index). Every symbol keeps a nonzero frequency and the total is exact.
 * Table t's weights are `pmf[starts[t]] … pmf[starts[t + 1] - 1]`; its CDF (n + 1 entries)
 * starts at output index `starts[t] + t`.
 */
export const PmfToQuantizedCdf = 'PmfToQuantizedCdf';
export interface PmfToQuantizedCdfInputs {
  readonly pmf: Uint32Array;
  readonly starts: Uint32Array;
}
export interface PmfToQuantizedCdfAttrs {
  readonly precision: number;
}
export type PmfToQuantizedCdfOutputs = Uint32Array;
export const PmfToQuantizedCdfExactness: Exactness = 'bit-exact';
