import {
  assertValidCdfTables,
  type Backend,
  type BackendName,
  type CdfTables,
  invalidArgument,
  PmfToQuantizedCdf,
  runKernel,
} from '@lico/core';

/** Scale of the integer weights a float PMF is turned into before quantization (2^31). */
const WEIGHT_SCALE = 2 ** 31;

/**
 * Makes a {@link CdfTables} from quantized CDF rows, e.g. CompressAI's `quantized_cdf` with
 * `cdf_length` and `offset`. Each row starts at 0 and ends at `2 ** precision`; its last symbol
 * is the escape. Throws `LICO_CDF_INVALID` naming the first row that breaks a rule.
 * @example
 * ```ts
 * import { cdfTablesFromRows } from '@lico/entropy';
 * const tables = cdfTablesFromRows([[0, 1, 65534, 65535, 65536]], { valueOffsets: [-1] });
 * console.log(tables.starts); // Uint32Array [0, 5]
 * ```
 */
export function cdfTablesFromRows(
  rows: readonly ArrayLike<number>[],
  options: { valueOffsets: ArrayLike<number>; precision?: number },
): CdfTables {
  if (!Array.isArray(rows) || rows.length === 0) invalidArgument('rows', 'a non-empty array of CDF rows', rows);
  const starts = new Uint32Array(rows.length + 1);
  for (let t = 0; t < rows.length; t++) starts[t + 1] = starts[t] + rows[t].length;
  const cdf = new Uint32Array(starts[rows.length]);
  for (const [t, row] of rows.entries()) cdf.set(Array.from(row), starts[t]);
  const tables: CdfTables = {
    precision: options.precision ?? 16,
    cdf,
    starts,
    valueOffsets: Int32Array.from(options.valueOffsets),
  };
  assertValidCdfTables(tables);
  return tables;
}

/**
 * Builds CDF tables from probability mass functions. Row t gives the probabilities of values
 * `valueOffsets[t]`, `valueOffsets[t] + 1`, …; the mass the row leaves out (`1 - sum`, at least
 * 0) becomes the escape symbol appended to it. Probabilities become integer weights
 * `round(p · 2^31)`, which the `PmfToQuantizedCdf` kernel quantizes exactly (see its contract):
 * every symbol, the escape included, keeps a nonzero frequency.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { buildCdfTables } from '@lico/entropy';
 * const tables = await buildCdfTables([[0.25, 0.5, 0.25]], { valueOffsets: [-1] });
 * console.log(tables.cdf); // 4 entries per table: 3 values and the escape
 * ```
 */
export async function buildCdfTables(
  pmfs: readonly ArrayLike<number>[],
  options: { valueOffsets: ArrayLike<number>; precision?: number; backend?: Backend | BackendName },
): Promise<CdfTables> {
  if (!Array.isArray(pmfs) || pmfs.length === 0) invalidArgument('pmfs', 'a non-empty array of PMF rows', pmfs);
  if (options.valueOffsets.length !== pmfs.length) {
    invalidArgument('valueOffsets', `one offset per PMF (${pmfs.length})`, options.valueOffsets);
  }
  const precision = options.precision ?? 16;
  const starts = new Uint32Array(pmfs.length + 1);
  for (let t = 0; t < pmfs.length; t++) starts[t + 1] = starts[t] + pmfs[t].length + 1;
  const weights = new Uint32Array(starts[pmfs.length]);
  for (const [t, row] of pmfs.entries()) {
    let sum = 0;
    for (let i = 0; i < row.length; i++) {
      const p = row[i];
      if (!(p >= 0 && p <= 1)) invalidArgument(`pmfs[${t}][${i}]`, 'a probability in [0, 1]', p);
      sum += p;
      weights[starts[t] + i] = Math.round(p * WEIGHT_SCALE);
    }
    weights[starts[t + 1] - 1] = Math.round(Math.max(0, 1 - sum) * WEIGHT_SCALE);
  }
  const cdf = await runKernel(PmfToQuantizedCdf, { pmf: weights, starts }, { precision }, options.backend);
  const cdfStarts = starts.map((s, t) => s + t);
  const tables: CdfTables = { precision, cdf, starts: cdfStarts, valueOffsets: Int32Array.from(options.valueOffsets) };
  assertValidCdfTables(tables);
  return tables;
}
