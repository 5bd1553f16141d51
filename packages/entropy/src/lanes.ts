import { assertValidCdfTables, type CdfTables } from '@lico/core';

/** How many lanes to interleave: a number, or `'auto'`. */
export type LaneCount = number | 'auto';

/** Estimated output bytes per lane that `'auto'` aims for: a lane costs about 7 bytes. */
const BYTES_PER_AUTO_LANE = 16384;
/** Most lanes `'auto'` picks: enough for 16-wide SIMD on 2 threads, or a GPU's first wave. */
const MAX_AUTO_LANES = 64;
/** Symbols looked at to estimate the output size. */
const ESTIMATE_SAMPLES = 4096;

/**
 * The lane count used to code `values` with `indexes` into `tables`. `'auto'` estimates the
 * stream's size from an even sample of 4096 symbols and gives one lane per 16 KiB (1 to 64):
 * the lanes' own cost (state and length, about 7 bytes each) stays near 0.04 % of the
 * stream, while long streams still decode in parallel.
 */
export function resolveLaneCount(lanes: LaneCount, values: Int32Array, indexes: Int32Array, tables: CdfTables): number {
  if (lanes !== 'auto') return lanes; // RansEncode reports a count outside 1 … 4096
  assertValidCdfTables(tables);
  const n = Math.min(values.length, indexes.length);
  const stride = Math.max(1, Math.floor(n / ESTIMATE_SAMPLES));
  const count = tables.starts.length - 1;
  let bits = 0;
  for (let i = 0; i < n; i += stride) {
    const t = indexes[i];
    if (t < 0 || t >= count) continue; // the kernel reports bad indexes
    const begin = tables.starts[t];
    const escapeSymbol = tables.starts[t + 1] - begin - 2;
    const s = values[i] - tables.valueOffsets[t];
    const symbol = s >= 0 && s < escapeSymbol ? s : escapeSymbol;
    bits += tables.precision - Math.log2(tables.cdf[begin + symbol + 1] - tables.cdf[begin + symbol]);
  }
  const estimatedBytes = (bits * stride) / 8;
  return Math.max(1, Math.min(MAX_AUTO_LANES, Math.floor(estimatedBytes / BYTES_PER_AUTO_LANE)));
}
