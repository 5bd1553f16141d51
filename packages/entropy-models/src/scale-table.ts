import { LATENT_FRACTION_BITS } from '@lico/core';

/** CompressAI's scale table: 64 scales, log-spaced from 0.11 to 256. */
export function defaultScaleTable(): number[] {
  const [low, high, levels] = [0.11, 256, 64];
  return Array.from({ length: levels }, (_, i) =>
    Math.exp(Math.log(low) + ((Math.log(high) - Math.log(low)) * i) / (levels - 1)),
  );
}

/** A scale table in the latent fixed point (`round(σ · 2^8)`), strictly increasing, σ ≤ 2^18. */
export function fixedScaleTable(scales: readonly number[]): Int32Array {
  const fixed = Int32Array.from(scales, (s) => Math.round(s * 2 ** LATENT_FRACTION_BITS));
  for (let i = 1; i < fixed.length; i++) {
    if (fixed[i] <= fixed[i - 1])
      throw new RangeError(`scale table entries ${i - 1} and ${i} are equal in fixed point`);
  }
  if (fixed.length === 0 || fixed[0] < 1) throw new RangeError('a scale table needs positive scales');
  // scaleIndexes compares products of neighbours exactly, in doubles.
  if (fixed[fixed.length - 1] > 2 ** 26) throw new RangeError('a scale table ends at 2^18 at most');
  return fixed;
}

/**
 * The table index of each fixed-point scale, in integers only: the entry nearest to the scale
 * on a log scale (below the geometric mean of two neighbours, the lower one; ties go down),
 * the first entry for scales below the table and the last for scales above it. Rounding up
 * instead, as CompressAI's `build_indexes` does, overstates σ by half a table step on average
 * and cost 2 % of the rate of a trained model on Kodak with the 64-entry table; the nearest
 * entry costs about 0.1 % (docs/integer-networks.md). Every backend and platform gets the same
 * indexes: the products compared stay below 2^53.
 */
export function scaleIndexes(scales: Int32Array, table: Int32Array): Int32Array {
  const out = new Int32Array(scales.length);
  const last = table.length - 1;
  for (let i = 0; i < scales.length; i++) {
    const scale = Math.min(Math.max(scales[i], 0), table[last]);
    const squared = scale * scale;
    // The first entry whose upper boundary (the geometric mean with the next) is not below the scale.
    let low = 0;
    let high = last;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (table[middle] * table[middle + 1] < squared) low = middle + 1;
      else high = middle;
    }
    out[i] = low;
  }
  return out;
}
