import { invalidArgument, LicoError } from './errors.js';

/** Largest CDF precision the rANS coder accepts (frequencies sum to 2^precision). */
export const MAX_CDF_PRECISION = 16;
/** Most tables one {@link CdfTables} may hold. */
export const MAX_CDF_TABLES = 1 << 20;

/**
 * A set of quantized CDF tables, concatenated. Table `t` is
 * `cdf[starts[t]] … cdf[starts[t + 1] - 1]`: it starts at 0, rises strictly (every symbol has a
 * nonzero frequency) and ends at `2 ** precision`. A table with `n + 1` entries codes `n`
 * symbols; its **last symbol is the escape**: a value `v` is coded as symbol `v - valueOffsets[t]`
 * when that lies in `[0, n - 1)`, and otherwise as the escape symbol followed by the value in the
 * stream's escape section (see `docs/rans-stream.md`).
 */
export interface CdfTables {
  readonly precision: number;
  readonly cdf: Uint32Array;
  /** `starts.length === tableCount + 1`; `starts[tableCount] === cdf.length`. */
  readonly starts: Uint32Array;
  /** The value coded as symbol 0 of each table. */
  readonly valueOffsets: Int32Array;
}

const validated = new WeakSet<CdfTables>();

/** Number of tables in a set. */
export function tableCount(tables: CdfTables): number {
  return tables.starts.length - 1;
}

/**
 * Checks every rule of {@link CdfTables} once per object (later calls are free) and throws
 * `LICO_CDF_INVALID` naming the first table that breaks one. Tables must not be mutated after
 * they were first used.
 */
export function assertValidCdfTables(tables: CdfTables): void {
  if (validated.has(tables)) return;
  const { precision, cdf, starts, valueOffsets } = tables ?? ({} as CdfTables);
  if (!Number.isInteger(precision) || precision < 1 || precision > MAX_CDF_PRECISION) {
    invalidArgument('tables.precision', `an integer in [1, ${MAX_CDF_PRECISION}]`, precision);
  }
  if (!(cdf instanceof Uint32Array)) invalidArgument('tables.cdf', 'a Uint32Array', cdf);
  if (!(starts instanceof Uint32Array)) invalidArgument('tables.starts', 'a Uint32Array', starts);
  if (!(valueOffsets instanceof Int32Array)) invalidArgument('tables.valueOffsets', 'an Int32Array', valueOffsets);
  const count = starts.length - 1;
  if (count < 1 || count > MAX_CDF_TABLES) {
    invalidArgument('tables.starts', `1 to ${MAX_CDF_TABLES} tables (length 2 to ${MAX_CDF_TABLES + 1})`, starts);
  }
  if (valueOffsets.length !== count) {
    invalidArgument('tables.valueOffsets', `one offset per table (${count})`, valueOffsets);
  }
  if (starts[0] !== 0 || starts[count] !== cdf.length) {
    throw new LicoError('LICO_CDF_INVALID', `tables.starts must run from 0 to cdf.length (${cdf.length})`);
  }
  const total = 2 ** precision;
  for (let t = 0; t < count; t++) {
    const begin = starts[t];
    const end = starts[t + 1];
    if (end < begin + 2 || end - begin - 1 > total) {
      throw new LicoError(
        'LICO_CDF_INVALID',
        `table ${t} has ${end - begin} entries; a table needs 2 to ${total + 1} (1 to 2^precision symbols)`,
      );
    }
    if (cdf[begin] !== 0 || cdf[end - 1] !== total) {
      throw new LicoError(
        'LICO_CDF_INVALID',
        `table ${t} must start at 0 and end at 2^${precision} = ${total}; it runs from ${cdf[begin]} to ${cdf[end - 1]}`,
      );
    }
    for (let i = begin + 1; i < end; i++) {
      if (cdf[i] <= cdf[i - 1]) {
        throw new LicoError(
          'LICO_CDF_INVALID',
          `table ${t} is not strictly increasing at symbol ${i - begin - 1} (${cdf[i - 1]} then ${cdf[i]}): every symbol needs a nonzero frequency`,
        );
      }
    }
  }
  validated.add(tables);
}
