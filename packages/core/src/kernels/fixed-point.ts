/**
 * Latents enter the quantization kernels as fixed-point integers: `round(y · 2^8)` (see
 * `toFixedLatents` in `@lico/quantizers`), so that every backend, GPUs included, makes the
 * same decisions with integer arithmetic only. Magnitudes stay below `2^28` (1 048 576 latent
 * units), which keeps every intermediate of the kernels inside 32 bits.
 */
export const LATENT_FRACTION_BITS = 8;
/** Largest magnitude of a fixed-point latent, mean or reconstruction. */
export const MAX_FIXED_LATENT = 2 ** 28 - 1;
/** Largest quantizer step in fixed point (4096 latent units). */
export const MAX_FIXED_STEP = 2 ** 20;
