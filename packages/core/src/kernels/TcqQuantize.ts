import type { Exactness } from './exactness.js';

/**
 * Trellis-coded (dependent) quantization: a Viterbi search per sequence minimizing
 * `J = D + λR`, all in integers (`docs/tcq.md` states every rule; `backend-js` is the reference).
 *
 * Values are processed in sequences of `sequenceLength` consecutive values (the last may be
 * shorter); each starts in state 0. State `s` uses quantizer `q(s)` (4 states: `s >> 1`,
 * 8 states: `s & 1`); `Q0` reconstructs index k at `2k·step`, `Q1` at `(2k − sgn k)·step`.
 * Next state: `T[s][k & 1]`. Candidates in state s, with `v = latent − mean`:
 * `sign(v)·m`, `sign(v)·(m + 1)` and `0` (in that order, a repeated 0 dropped), where
 * `m = floor((|v| + c) / (2·step))`, `c = 0` for Q0 and `step` for Q1 (sign(0) = +1).
 * Costs: `D = e²` for `e = v − level` when `|e| < 2^14`, else `2^28` (units of 2^-16 latent²);
 * `R` from `rates`, row `2·tableIndexes[i] + q(s)`: entry `k − offsets[row]` if that lies
 * before the row's last entry, else the last entry (the escape) plus `bitCost ·
 * (2·floor(log2(e + 1)) + 1)`, `e` the escape code of `k` (as in `docs/rans-stream.md`).
 * Path metrics are u32: a sum saturates at 2^32 − 1; after each value the smallest metric is
 * subtracted from all (unreached states stay at 2^32 − 1). Ties: for each next state the first
 * (source state ascending, then candidate order) strictly smaller metric wins; the final state
 * is the smallest metric, lowest state on ties.
 */
export const TcqQuantize = 'TcqQuantize';

/** Rate costs per (table, quantizer) row, in cost units (2^-16 latent²): λ · bits · 2^16. */
export interface TcqRateTables {
  /** All rows concatenated; each row's last entry is the escape's cost. */
  readonly costs: Uint32Array;
  /** `starts.length === 2·tables + 1`. */
  readonly starts: Uint32Array;
  /** Index k of each row's first entry. */
  readonly offsets: Int32Array;
}

export interface TcqQuantizeInputs {
  readonly latents: Int32Array;
  readonly means?: Int32Array;
  /** The entropy model's table of each value. */
  readonly tableIndexes: Int32Array;
  readonly rates: TcqRateTables;
}
export interface TcqQuantizeAttrs {
  readonly step: number;
  readonly states: 4 | 8;
  readonly sequenceLength: number;
  /** λ · 2^16, rounded: the cost of one escape bit. At most 2^22. */
  readonly bitCost: number;
}
export interface TcqQuantizeOutputs {
  readonly indexes: Int32Array;
  readonly reconstruction: Int32Array;
}
export const TcqQuantizeExactness: Exactness = 'bit-exact';
