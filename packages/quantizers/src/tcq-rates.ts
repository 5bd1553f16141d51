import { assertValidCdfTables, type CdfTables, MAX_TCQ_RATE_COST, type TcqRateTables } from '@lico/core';

const cache = new WeakMap<CdfTables, Map<number, TcqRateTables>>();

/**
 * The rate costs TcqQuantize weighs against distortion, from the very tables the indexes are
 * coded with: `min(2^28, round(λ · (precision − log2 freq) · 2^16))` per symbol, in the
 * kernel's cost unit (2^-16 latent²). Made once per tables and λ, in TypeScript, so every
 * backend gets the same integers.
 */
export function tcqRateTables(tables: CdfTables, lambda: number): TcqRateTables {
  assertValidCdfTables(tables);
  let byLambda = cache.get(tables);
  if (!byLambda) {
    byLambda = new Map();
    cache.set(tables, byLambda);
  }
  const cached = byLambda.get(lambda);
  if (cached) return cached;
  const rows = tables.starts.length - 1;
  const starts = Uint32Array.from(tables.starts, (s, t) => s - t);
  const costs = new Uint32Array(tables.cdf.length - rows);
  for (let t = 0; t < rows; t++) {
    for (let j = 0; j < starts[t + 1] - starts[t]; j++) {
      const c = tables.starts[t] + j;
      const bits = tables.precision - Math.log2(tables.cdf[c + 1] - tables.cdf[c]);
      costs[starts[t] + j] = Math.min(MAX_TCQ_RATE_COST, Math.round(lambda * bits * 2 ** 16));
    }
  }
  const rates = { costs, starts, offsets: tables.valueOffsets };
  byLambda.set(lambda, rates);
  return rates;
}
