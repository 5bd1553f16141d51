import { LATENT_FRACTION_BITS } from '@lico/core';

/** CompressAI's scale table: 64 scales, log-spaced from 0.11 to 256. */
export function defaultScaleTable(): number[] {
  const [low, high, levels] = [0.11, 256, 64];
  return Array.from({ length: levels }, (_, i) =>
    Math.exp(Math.log(low) + ((Math.log(high) - Math.log(low)) * i) / (levels - 1)),
  );
}

/** A scale table in the latent fixed point (`round(σ · 2^8)`), strictly increasing. */
export function fixedScaleTable(scales: readonly number[]): Int32Array {
  const fixed = Int32Array.from(scales, (s) => Math.round(s * 2 ** LATENT_FRACTION_BITS));
  for (let i = 1; i < fixed.length; i++) {
    if (fixed[i] <= fixed[i - 1])
      throw new RangeError(`scale table entries ${i - 1} and ${i} are equal in fixed point`);
  }
  if (fixed.length === 0 || fixed[0] < 1) throw new RangeError('a scale table needs positive scales');
  return fixed;
}

/**
 * The table index of each fixed-point scale, in integers only: the first entry not below the
 * scale, or the last entry for scales above the table (as CompressAI's `build_indexes`, which
 * counts the entries below). Every backend and platform gets the same indexes.
 */
export function scaleIndexes(scales: Int32Array, table: Int32Array): Int32Array {
  const out = new Int32Array(scales.length);
  for (let i = 0; i < scales.length; i++) {
    let low = 0;
    let high = table.length - 1;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (table[middle] < scales[i]) low = middle + 1;
      else high = middle;
    }
    out[i] = low;
  }
  return out;
}
