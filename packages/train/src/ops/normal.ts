// The standard normal's density and cumulative, in float64 arithmetic, to float32 accuracy (the
// erfc of @lico/quantizers, as PyTorch's float32 erfc, far tail included).
import { erfc } from '@lico/quantizers';

/** Φ(x), the standard normal cumulative: ½·erfc(−x/√2) (CompressAI's `_standardized_cumulative`). */
export function normalCdf(x: number): number {
  return 0.5 * erfc(-x * Math.SQRT1_2);
}

const INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);

/** φ(x), the standard normal density. */
export function normalPdf(x: number): number {
  return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
}
