import { invalidArgument, LATENT_FRACTION_BITS, LicoError, MAX_FIXED_LATENT, MAX_FIXED_STEP } from '@lico/core';

const SCALE = 2 ** LATENT_FRACTION_BITS;

/**
 * Latents (or means) as the fixed-point integers the quantization kernels take:
 * `floor(y · 2^8 + 0.5)`. Computed here, once, so every backend sees the same integers.
 * Magnitudes over 2^20 latent units are refused (`LICO_LIMIT_EXCEEDED`).
 */
export function toFixedLatents(values: Float32Array, name = 'latents'): Int32Array {
  if (!(values instanceof Float32Array)) invalidArgument(name, 'a Float32Array', values);
  const out = new Int32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const fixed = Math.floor(values[i] * SCALE + 0.5);
    if (!(Math.abs(fixed) <= MAX_FIXED_LATENT)) {
      throw new LicoError(
        'LICO_LIMIT_EXCEEDED',
        `${name}[${i}] is ${values[i]}; quantizers take values within ±${MAX_FIXED_LATENT / SCALE}`,
      );
    }
    out[i] = fixed;
  }
  return out;
}

/** Fixed-point values back to latents (exact: every result is a float32). */
export function fromFixedLatents(values: Int32Array): Float32Array {
  // A loop, not Float32Array.from(values, fn): the callback form is ~50× slower in V8.
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] / SCALE;
  return out;
}

/** A quantizer step in fixed point: `round(Δ · 2^8)`, from 1 to 2^20. */
export function toFixedStep(step: number): number {
  const fixed = Math.round(step * SCALE);
  if (!(fixed >= 1 && fixed <= MAX_FIXED_STEP)) {
    invalidArgument('step', `a step from ${1 / SCALE} to ${MAX_FIXED_STEP / SCALE}`, step);
  }
  return fixed;
}
