import {
  assertValidCdfTables,
  type CdfTables,
  cdfEntryOf,
  invalidArgument,
  seededRandom,
  tableCount,
} from '@lico/core';

/**
 * Draws `count` values from `tables` the way a latent tensor uses them: `runLength`
 * consecutive symbols (one latent plane) per table, tables in order, cycling. Each symbol
 * follows its table's quantized distribution; an escape draw becomes a value just above the
 * table's range. For tests and benchmarks of coders.
 * @example
 * ```ts
 * import { cdfTablesFromRows, sampleFromTables } from '@lico/entropy';
 * const tables = cdfTablesFromRows([[0, 60000, 65535, 65536]], { valueOffsets: [0] });
 * const { values, indexes } = sampleFromTables(tables, { count: 10, runLength: 5, seed: 1 });
 * console.log(values, indexes);
 * ```
 */
export function sampleFromTables(
  tables: CdfTables,
  options: { count: number; runLength: number; seed: number },
): { values: Int32Array; indexes: Int32Array } {
  assertValidCdfTables(tables);
  const { count, runLength } = options;
  if (!Number.isInteger(count) || count < 0) invalidArgument('count', 'a non-negative integer', count);
  if (!Number.isInteger(runLength) || runLength < 1) invalidArgument('runLength', 'a positive integer', runLength);
  const random = seededRandom(options.seed);
  const { cdf, starts, valueOffsets, precision } = tables;
  const total = 2 ** precision;
  const values = new Int32Array(count);
  const indexes = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const t = Math.floor(i / runLength) % tableCount(tables);
    indexes[i] = t;
    const s = cdfEntryOf(cdf, starts[t], starts[t + 1], Math.floor(random() * total)) - starts[t];
    const escapeSymbol = starts[t + 1] - starts[t] - 2;
    values[i] = valueOffsets[t] + (s === escapeSymbol ? escapeSymbol + Math.floor(random() * 16) : s);
  }
  return { values, indexes };
}
