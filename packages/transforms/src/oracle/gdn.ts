/**
 * The reference generalized divisive normalization (Ballé et al. 2016) with effective (already
 * reparametrized) `beta` `[C]` and `gamma` `[C, C]`: `norm_i = β_i + Σ_j γ_ij · x_j²` at each
 * position, then `y_i = x_i / √norm_i`, or `x_i · √norm_i` for the inverse (IGDN). Float64
 * inside; float32 out.
 */
export function gdn(
  input: Float32Array,
  [n, channels, height, width]: readonly number[],
  beta: Float32Array,
  gamma: Float32Array,
  inverse: boolean,
): Float32Array {
  const out = new Float32Array(input.length);
  const plane = height * width;
  const squares = new Float64Array(channels);
  for (let b = 0; b < n; b++) {
    for (let p = 0; p < plane; p++) {
      const base = b * channels * plane + p;
      for (let j = 0; j < channels; j++) squares[j] = input[base + j * plane] ** 2;
      for (let i = 0; i < channels; i++) {
        let norm = beta[i];
        for (let j = 0; j < channels; j++) norm += gamma[i * channels + j] * squares[j];
        const x = input[base + i * plane];
        out[base + i * plane] = inverse ? x * Math.sqrt(norm) : x / Math.sqrt(norm);
      }
    }
  }
  return out;
}
