import type { CdfTables } from '../cdf-tables.js';
import type { Exactness } from './exactness.js';

/**
 * Codes `values[i]` with table `indexes[i]` into one rANS stream (format: `docs/rans-stream.md`).
 * Symbol i goes to lane `i % lanes`; values outside a table's range go through its escape symbol.
 */
export const RansEncode = 'RansEncode';
export interface RansEncodeInputs {
  readonly values: Int32Array;
  readonly indexes: Int32Array;
  readonly tables: CdfTables;
}
export interface RansEncodeAttrs {
  /** Interleaved lanes asked for, 1 to 4096; the stream uses `min(lanes, symbols)` (at least 1). */
  readonly lanes: number;
}
export type RansEncodeOutputs = Uint8Array;
export const RansEncodeExactness: Exactness = 'bit-exact';
