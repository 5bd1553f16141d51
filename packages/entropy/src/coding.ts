import {
  type Backend,
  type BackendName,
  type CdfTables,
  checkRansEncodeInputs,
  invalidArgument,
  RansDecode,
  RansEncode,
  runKernel,
} from '@lico/core';
import { type LaneCount, resolveLaneCount } from './lanes.js';

/** Options of {@link encodeWithIndexes}. */
export interface EncodeOptions {
  /** Interleaved lanes (default `'auto'`, see {@link resolveLaneCount}). */
  readonly lanes?: LaneCount;
  /** Backend object or name; default: the best available. */
  readonly backend?: Backend | BackendName;
}

/**
 * Codes each `values[i]` with table `indexes[i]` into one rANS stream (`docs/rans-stream.md`).
 * Any int32 value can be coded: values outside a table go through its escape symbol.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { cdfTablesFromRows, decodeWithIndexes, encodeWithIndexes } from '@lico/entropy';
 * const tables = cdfTablesFromRows([[0, 30000, 60000, 65535, 65536]], { valueOffsets: [-1] });
 * const values = Int32Array.from([-1, 0, 1, 0, 1000]);
 * const indexes = new Int32Array(values.length);
 * const stream = await encodeWithIndexes(values, indexes, tables);
 * console.log(await decodeWithIndexes(stream, indexes, tables)); // the same values
 * ```
 */
export async function encodeWithIndexes(
  values: Int32Array,
  indexes: Int32Array,
  tables: CdfTables,
  options: EncodeOptions = {},
): Promise<Uint8Array> {
  const lanes = options.lanes ?? 'auto';
  if (lanes !== 'auto' && !Number.isInteger(lanes)) invalidArgument('lanes', "an integer or 'auto'", lanes);
  const inputs = { values, indexes, tables };
  checkRansEncodeInputs(inputs, { lanes: 1 });
  return runKernel(RansEncode, inputs, { lanes: resolveLaneCount(lanes, values, indexes, tables) }, options.backend);
}

/**
 * Decodes a stream of {@link encodeWithIndexes} given the same indexes and tables. A stream that
 * does not fit them, or is truncated or damaged, throws `LICO_BITSTREAM_CORRUPT` or
 * `LICO_BITSTREAM_TRUNCATED`. `output` (as long as `indexes`) receives the values instead of
 * a new array: reuse it when decoding many streams of one size.
 */
export function decodeWithIndexes(
  stream: Uint8Array,
  indexes: Int32Array,
  tables: CdfTables,
  options: { backend?: Backend | BackendName; output?: Int32Array } = {},
): Promise<Int32Array> {
  return runKernel(RansDecode, { stream, indexes, tables, output: options.output }, {}, options.backend);
}
