import type { WebGpuProgram } from '../webgpu-program.js';
import { tcqTrellisWgsl } from './tcq-trellis.wgsl.js';

/** u32 words of the program's uniforms: count, sequenceLength, step. */
export const TCQ_DEQUANTIZE_PARAM_WORDS = 3;

/**
 * Reconstruction of trellis-coded indexes, one invocation per sequence of one chunk (chunks
 * hold whole sequences): from state 0, each value gets the level of its index under the current
 * state's quantizer plus its mean, and the state moves to `T[state][k & 1]`.
 */
export function tcqDequantizeProgram(workgroupSize: number, states: 4 | 8, withMeans: boolean): WebGpuProgram {
  return {
    shaderKey: `TcqDequantize/wg${workgroupSize}/${states}-states/${withMeans ? 'means' : 'zero-mean'}`,
    workgroupSize,
    source: () => /* wgsl */ `
struct Params {
  count: u32,
  sequenceLength: u32,
  step: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> results: array<i32>;
@group(0) @binding(2) var<storage, read> indexes: array<i32>;
${withMeans ? '@group(0) @binding(3) var<storage, read> means: array<i32>;' : ''}
${tcqTrellisWgsl(states)}
@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  // Testing the sequence number, not its first value: id.x · sequenceLength may wrap.
  if (id.x >= (params.count + params.sequenceLength - 1u) / params.sequenceLength) {
    return;
  }
  let first = id.x * params.sequenceLength;
  let end = min(first + params.sequenceLength, params.count);
  let step = i32(params.step);
  var state = 0u;
  for (var i = first; i < end; i++) {
    let k = indexes[i];
    results[i] = level(k, quantizerOf(state), step)${withMeans ? ' + means[i]' : ''};
    state = nextState(state, k);
  }
}
`,
  };
}
