import type { WebGpuProgram } from '../webgpu-program.js';

/** u32 words of the program's uniforms: count, step. */
export const DEQUANTIZE_SCALAR_PARAM_WORDS = 2;

/**
 * Scalar reconstruction of one chunk, one invocation per value: `k·step + mean`. Indexes are
 * not bounded by the contract, so the product may overflow: WGSL's i32 arithmetic wraps, like
 * the js reference's Int32Array stores.
 */
export function dequantizeScalarProgram(workgroupSize: number, withMeans: boolean): WebGpuProgram {
  return {
    shaderKey: `DequantizeScalar/wg${workgroupSize}/${withMeans ? 'means' : 'zero-mean'}`,
    workgroupSize,
    source: () => /* wgsl */ `
struct Params {
  count: u32,
  step: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> results: array<i32>;
@group(0) @binding(2) var<storage, read> indexes: array<i32>;
${withMeans ? '@group(0) @binding(3) var<storage, read> means: array<i32>;' : ''}

@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let i = id.x;
  if (i >= params.count) {
    return;
  }
  results[i] = indexes[i] * i32(params.step)${withMeans ? ' + means[i]' : ''};
}
`,
  };
}
