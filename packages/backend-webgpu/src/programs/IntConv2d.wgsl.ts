import type { WebGpuProgram } from '../webgpu-program.js';

/** Most `vec4<i32>` accumulators of one invocation: blocks of up to 16 output channels. */
export const INT_CONV2D_MAX_VECS = 4;

/** u32 words of the program's uniforms: count, positions, firstPosition, shift, round, clampMin, clampMax (the last three as i32), padded to 8. */
export const INT_CONV2D_PARAM_WORDS = 8;

/** The shape a program is generated for (its constants). */
export interface IntConv2dShape {
  readonly inChannels: number;
  readonly height: number;
  readonly width: number;
  readonly outWidth: number;
  readonly kernelHeight: number;
  readonly kernelWidth: number;
  readonly stride: number;
  readonly padding: number;
  readonly transposed: boolean;
  /** `vec4<i32>` accumulators an invocation (1 to {@link INT_CONV2D_MAX_VECS}): 4 output channels each. */
  readonly vecs: number;
}

/**
 * The taps that reach output (oy, ox), as loop bounds worked out once per invocation, so that
 * the inner loops hold no conditions: for a convolution, the kernel rows and columns whose input
 * position lies inside the image; for a transposed convolution (gather form), the rows i with
 * `oy + p − i` a multiple of the stride and `(oy + p − i) / s` inside the image: they start at
 * `(oy + p) mod s` (or later) and step by s, so no tap is tested for divisibility.
 */
function tapLoops(transposed: boolean, vecs: readonly number[]): string {
  const VECS = vecs.length;
  const accumulate = (inputIndex: string) =>
    [
      `let tap = (weightRow + u32(j)) * ${VECS}u;`,
      `let value = input[${inputIndex}];`,
      ...vecs.map((v) => `acc${v} += weights[tap + ${v}u] * value;`),
    ].join('\n        ');
  if (!transposed) {
    return `
  let y0 = oy * S - P;
  let x0 = ox * S - P;
  let iStart = max(0i, -y0);
  let iEnd = min(KH, H - y0);
  let jStart = max(0i, -x0);
  let jEnd = min(KW, W - x0);
  for (var c = 0u; c < IN_CHANNELS; c++) {
    for (var i = iStart; i < iEnd; i++) {
      let weightRow = ((block * IN_CHANNELS + c) * u32(KH) + u32(i)) * u32(KW);
      let inputRow = c * u32(H * W) + u32((y0 + i) * W + x0);
      for (var j = jStart; j < jEnd; j++) {
        ${accumulate('inputRow + u32(j)')}
      }
    }
  }`;
  }
  return `
  let ty = oy + P;
  let tx = ox + P;
  let iStart = max(ty % S, ty - S * (H - 1));
  let iEnd = min(KH, ty + 1);
  let jStart = max(tx % S, tx - S * (W - 1));
  let jEnd = min(KW, tx + 1);
  for (var c = 0u; c < IN_CHANNELS; c++) {
    for (var i = iStart; i < iEnd; i += S) {
      let weightRow = ((block * IN_CHANNELS + c) * u32(KH) + u32(i)) * u32(KW);
      let inputRow = c * u32(H * W) + u32(((ty - i) / S) * W);
      for (var j = jStart; j < jEnd; j += S) {
        ${accumulate('inputRow + u32((tx - j) / S)')}
      }
    }
  }`;
}

/**
 * IntConv2d over one chunk, one invocation per output position and block of `4 · vecs` output
 * channels (consecutive invocations take consecutive columns: a workgroup mostly shares its
 * weights and reads neighbouring inputs). Each input value read serves the whole block:
 * `weights` holds the chunk's blocks as `[block][c][i][j][vec]` of `vec4<i32>` (one lane per
 * channel, in both directions; the kernel reorders them and pads the last block with zeros),
 * `bias` likewise. The shape is compiled in, so each layer shape gets its own pipeline. Results
 * go out as `[block][channel in block][position]` of the chunk. i32 throughout: core's check
 * bounds every partial sum below 2^31, and `>>` on i32 is arithmetic, so the results are the js
 * reference's bit for bit.
 */
export function intConv2dProgram(workgroupSize: number, shape: IntConv2dShape): WebGpuProgram {
  const { inChannels, height, width, outWidth, kernelHeight, kernelWidth, stride, padding, transposed } = shape;
  const key = [inChannels, height, width, outWidth, kernelHeight, kernelWidth, stride, padding].join('/');
  const VECS = shape.vecs;
  const vecs = [...Array(VECS).keys()];
  return {
    shaderKey: `IntConv2d/wg${workgroupSize}/${transposed ? 'transposed' : 'direct'}/vec4x${VECS}/${key}`,
    workgroupSize,
    source: () => /* wgsl */ `
const IN_CHANNELS = ${inChannels}u;
const H = ${height}i;
const W = ${width}i;
const OUT_WIDTH = ${outWidth}u;
const KH = ${kernelHeight}i;
const KW = ${kernelWidth}i;
const S = ${stride}i;
const P = ${padding}i;

struct Params {
  count: u32,
  positions: u32,
  firstPosition: u32,
  shift: u32,
  round: i32,
  clampMin: i32,
  clampMax: i32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> results: array<i32>;
@group(0) @binding(2) var<storage, read> input: array<i32>;
@group(0) @binding(3) var<storage, read> weights: array<vec4<i32>>;
@group(0) @binding(4) var<storage, read> bias: array<vec4<i32>>;

@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let index = id.x;
  if (index >= params.count) {
    return;
  }
  let block = index / params.positions;
  let local = index - block * params.positions;
  let position = params.firstPosition + local;
  let row = position / OUT_WIDTH;
  let oy = i32(row);
  let ox = i32(position - row * OUT_WIDTH);
  ${vecs.map((v) => `var acc${v} = bias[block * ${VECS}u + ${v}u];`).join('\n  ')}
  ${tapLoops(transposed, vecs)}
  let base = ${4 * VECS}u * block * params.positions + local;
  ${vecs
    .flatMap((v) => [
      `let out${v} = clamp((acc${v} + vec4<i32>(params.round)) >> vec4<u32>(params.shift), vec4<i32>(params.clampMin), vec4<i32>(params.clampMax));`,
      ...['x', 'y', 'z', 'w'].map((lane, k) => `results[base + ${4 * v + k}u * params.positions] = out${v}.${lane};`),
    ])
    .join('\n  ')}
}
`,
  };
}
