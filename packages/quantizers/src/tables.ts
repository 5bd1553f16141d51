import { type Backend, type BackendName, type CdfTables, invalidArgument } from '@lico/core';
import { buildCdfTables } from '@lico/entropy';
import type { ScalarDensity } from './densities.js';
import type { Quantizer } from './quantizer.js';

/** Probability left to the escape symbol: indexes are tabulated until the tails hold less. */
const TAIL_MASS = 1e-9;
/** Most indexes one table row holds (each side of 0). */
const MAX_HALF_RANGE = 4096;

/**
 * The CDF tables to code a quantizer's indexes with: for each density t and sub-quantizer q,
 * row `t · subQuantizers + q` gives index k the density's mass over `quantizer.cell(k, q)`,
 * for every k until the tails hold less than 1e-9 (then the escape takes the rest).
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { GaussianDensity, TcqQuantizer, buildQuantizerTables } from '@lico/quantizers';
 * const tcq = new TcqQuantizer({ step: 0.5, lambda: 0.1, states: 8 });
 * const tables = await buildQuantizerTables(tcq, [new GaussianDensity(1)]);
 * console.log(tables.starts.length - 1); // 2 rows: Q0 and Q1
 * ```
 */
export async function buildQuantizerTables(
  quantizer: Quantizer,
  densities: readonly ScalarDensity[],
  options: { precision?: number; backend?: Backend | BackendName } = {},
): Promise<CdfTables> {
  if (densities.length === 0) invalidArgument('densities', 'at least one density', densities);
  const pmfs: number[][] = [];
  const valueOffsets: number[] = [];
  for (const density of densities) {
    for (let q = 0; q < quantizer.subQuantizers; q++) {
      const mass = (k: number) => {
        const [low, high] = quantizer.cell(k, q);
        return Math.max(0, density.cdf(high) - density.cdf(low));
      };
      let low = 0;
      while (low > -MAX_HALF_RANGE && density.cdf(quantizer.cell(low, q)[0]) > TAIL_MASS / 2) low--;
      let high = 0;
      while (high < MAX_HALF_RANGE && 1 - density.cdf(quantizer.cell(high, q)[1]) > TAIL_MASS / 2) high++;
      pmfs.push(Array.from({ length: high - low + 1 }, (_, j) => mass(low + j)));
      valueOffsets.push(low);
    }
  }
  return buildCdfTables(pmfs, { valueOffsets, precision: options.precision, backend: options.backend });
}
