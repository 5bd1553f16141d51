import { type Backend, type BackendName, type CdfTables, invalidArgument, tableCount } from '@lico/core';
import { encodeWithIndexes } from './coding.js';
import type { LaneCount } from './lanes.js';

/**
 * Collects symbols one at a time, each with its own table (from a table set or an explicit
 * CDF row, e.g. a mixture's CDF for one position), and codes them all at `finish()` (rANS codes
 * backwards, so nothing can be written before the last symbol is known). The stream is an
 * ordinary rANS stream; {@link RansSymbolDecoder} reads it symbol by symbol.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { RansSymbolDecoder, RansSymbolEncoder } from '@lico/entropy';
 * const cdf = Uint32Array.from([0, 20000, 65000, 65536]);
 * const encoder = new RansSymbolEncoder();
 * for (const v of [0, 1, 1, 9]) encoder.encodeWithCdf(v, cdf, 0);
 * const stream = await encoder.finish();
 * const decoder = new RansSymbolDecoder(stream, { symbolCount: 4 });
 * console.log([0, 1, 2, 3].map(() => decoder.decodeWithCdf(cdf, 0))); // [0, 1, 1, 9]
 * decoder.finish();
 * ```
 */
export class RansSymbolEncoder {
  private readonly values: number[] = [];
  private readonly rows: Uint32Array[] = [];
  private readonly rowOffsets: number[] = [];
  private readonly indexes: number[] = [];
  private readonly rowIds = new Map<Uint32Array, number>();
  private precision: number | undefined;

  constructor(private readonly options: { lanes?: LaneCount } = {}) {}

  /** Adds `value`, to be coded with table `tableIndex` of `tables`. */
  encode(value: number, tables: CdfTables, tableIndex: number): void {
    if (!Number.isInteger(tableIndex) || tableIndex < 0 || tableIndex >= tableCount(tables)) {
      invalidArgument('tableIndex', `an integer in [0, ${tableCount(tables)})`, tableIndex);
    }
    this.setPrecision(tables.precision);
    const row = tables.cdf.subarray(tables.starts[tableIndex], tables.starts[tableIndex + 1]);
    this.push(value, row, tables.valueOffsets[tableIndex]);
  }

  /** Adds `value`, to be coded with an explicit CDF row (16-bit precision unless stated). */
  encodeWithCdf(value: number, cdf: Uint32Array, valueOffset: number, precision = 16): void {
    this.setPrecision(precision);
    this.push(value, cdf, valueOffset);
  }

  private setPrecision(precision: number): void {
    if (this.precision !== undefined && this.precision !== precision) {
      invalidArgument('precision', `the precision of earlier symbols (${this.precision})`, precision);
    }
    this.precision = precision;
  }

  private push(value: number, row: Uint32Array, valueOffset: number): void {
    if (!Number.isInteger(value) || value < -(2 ** 31) || value >= 2 ** 31) {
      invalidArgument('value', 'an int32 integer', value);
    }
    // Rows are shared by identity: the same table used twice is stored once.
    let id = this.rowIds.get(row);
    if (id === undefined || this.rowOffsets[id] !== valueOffset) {
      id = this.rows.length;
      this.rows.push(row);
      this.rowOffsets.push(valueOffset);
      this.rowIds.set(row, id);
    }
    this.values.push(value);
    this.indexes.push(id);
  }

  /** Codes every symbol added so far into one stream. */
  async finish(backend?: Backend | BackendName): Promise<Uint8Array> {
    const starts = new Uint32Array(this.rows.length + 1);
    for (let t = 0; t < this.rows.length; t++) starts[t + 1] = starts[t] + this.rows[t].length;
    const cdf = new Uint32Array(starts[this.rows.length]);
    for (const [t, row] of this.rows.entries()) cdf.set(row, starts[t]);
    const tables: CdfTables = {
      precision: this.precision ?? 16,
      cdf: this.rows.length > 0 ? cdf : Uint32Array.from([0, 2 ** 16]),
      starts: this.rows.length > 0 ? starts : Uint32Array.from([0, 2]),
      valueOffsets: this.rows.length > 0 ? Int32Array.from(this.rowOffsets) : new Int32Array(1),
    };
    return encodeWithIndexes(Int32Array.from(this.values), Int32Array.from(this.indexes), tables, {
      lanes: this.options.lanes,
      backend,
    });
  }
}
