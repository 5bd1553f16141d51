import type { Exactness } from './exactness.js';

/**
 * Scalar quantization in fixed point (uniform and dead-zone): with `v = latents[i] - means[i]`
 * (means 0 when absent), `k = sign(v) · floor((|v| + rounding) / step)` and the
 * reconstruction `k · step + means[i]`. Uniform rounding is `rounding = floor(step / 2)`;
 * a dead-zone quantizer uses a smaller offset (`θ · step`, θ < 0.5).
 */
export const QuantizeScalar = 'QuantizeScalar';
export interface QuantizeScalarInputs {
  readonly latents: Int32Array;
  readonly means?: Int32Array;
}
export interface QuantizeScalarAttrs {
  /** Step in fixed point, 1 to 2^20. */
  readonly step: number;
  /** Rounding offset in fixed point, 0 to step - 1. */
  readonly rounding: number;
}
export interface QuantizeScalarOutputs {
  readonly indexes: Int32Array;
  /** Fixed-point reconstruction. */
  readonly reconstruction: Int32Array;
}
export const QuantizeScalarExactness: Exactness = 'bit-exact';
