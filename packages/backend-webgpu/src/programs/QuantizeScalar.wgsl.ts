import type { WebGpuProgram } from '../webgpu-program.js';

/** u32 words of the program's uniforms: count, step, rounding. */
export const QUANTIZE_SCALAR_PARAM_WORDS = 3;

/**
 * Scalar quantization of one chunk, one invocation per value: `k = sign(v)·floor((|v| +
 * rounding) / step)` with `v = latent − mean`, and the reconstruction `k·step + mean`. Results
 * go to one buffer: the chunk's indexes, then its reconstructions. By the fixed-point limits
 * (|v| < 2^29, rounding < step ≤ 2^20) nothing leaves 32 bits.
 */
export function quantizeScalarProgram(workgroupSize: number, withMeans: boolean): WebGpuProgram {
  return {
    shaderKey: `QuantizeScalar/wg${workgroupSize}/${withMeans ? 'means' : 'zero-mean'}`,
    workgroupSize,
    source: () => /* wgsl */ `
struct Params {
  count: u32,
  step: u32,
  rounding: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> results: array<i32>;
@group(0) @binding(2) var<storage, read> latents: array<i32>;
${withMeans ? '@group(0) @binding(3) var<storage, read> means: array<i32>;' : ''}

@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.count) {
    return;
  }
  let mean = ${withMeans ? 'means[i]' : '0i'};
  let v = latents[i] - mean;
  let magnitude = i32((u32(abs(v)) + params.rounding) / params.step);
  let k = select(magnitude, -magnitude, v < 0i);
  results[i] = k;
  results[params.count + i] = k * i32(params.step) + mean;
}
`,
  };
}
