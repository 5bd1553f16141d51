import { invalidArgument } from '@lico/core';

/**
 * The largest difference between two arrays relative to the largest magnitude of `expected`:
 * `max |a − e| / max |e|` (or the largest absolute difference when `expected` is all zeros). It
 * is how Lico compares float providers with the TypeScript reference: a relative error of 1e-4
 * means no value is off by more than 0.01 % of the tensor's range, which element-wise relative
 * errors cannot say for values near zero.
 * @example
 * ```ts
 * import { maxRelativeError } from '@lico/transforms';
 * console.log(maxRelativeError(Float32Array.of(1, 2.0001), Float32Array.of(1, 2))); // ≈ 5e-5
 * ```
 */
export function maxRelativeError(actual: ArrayLike<number>, expected: ArrayLike<number>): number {
  if (actual.length !== expected.length) {
    invalidArgument('actual', `${expected.length} values, as many as expected`, actual);
  }
  let scale = 0;
  let difference = 0;
  for (let i = 0; i < expected.length; i++) {
    scale = Math.max(scale, Math.abs(expected[i]));
    const d = Math.abs(actual[i] - expected[i]);
    difference = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(difference, d);
  }
  return scale > 0 ? difference / scale : difference;
}
