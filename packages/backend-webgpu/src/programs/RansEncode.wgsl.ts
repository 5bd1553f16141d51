import type { WebGpuProgram } from '../webgpu-program.js';

/** u32 words per lane in the encode program's lane buffer: x, bytes written in the chunk. */
export const ENCODE_LANE_WORDS = 2;
/** u32 words of the encode program's uniforms: laneCount, symbolCount, firstStep, stepCount, cdfBits (the precision), regionBytes. */
export const ENCODE_PARAM_WORDS = 6;

/**
 * Encodes one chunk of steps, last step first, one invocation per lane. Symbol i arrives as
 * `entries[i]`, the index of its CDF entry (`starts[table] + symbol`). Lane j writes backwards
 * from the end of its own region `[j·regionBytes, (j+1)·regionBytes)` (regionBytes a multiple of
 * 4, at least 2 per step), gathering bytes into whole words so no two lanes share a word, and
 * reports how many bytes it wrote; they end the region.
 */
export function ransEncodeProgram(workgroupSize: number): WebGpuProgram {
  return {
    shaderKey: `RansEncode/wg${workgroupSize}`,
    workgroupSize,
    source: () => /* wgsl */ `
struct Params {
  laneCount: u32,
  symbolCount: u32,
  firstStep: u32,
  stepCount: u32,
  cdfBits: u32,
  regionBytes: u32,
}

struct Lane {
  x: u32,
  written: u32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> entries: array<u32>;
@group(0) @binding(2) var<storage, read> cdf: array<u32>;
@group(0) @binding(3) var<storage, read_write> regions: array<u32>;
@group(0) @binding(4) var<storage, read_write> lanes: array<Lane>;

@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let lane = id.x;
  if (lane >= params.laneCount) {
    return;
  }
  let end = (lane + 1u) * params.regionBytes;
  var position = end;
  var word = 0u;
  var x = lanes[lane].x;
  for (var step = params.stepCount; step > 0u; step--) {
    let local = (step - 1u) * params.laneCount + lane;
    if ((params.firstStep + step - 1u) * params.laneCount + lane >= params.symbolCount) {
      continue;
    }
    let entry = entries[local];
    let start = cdf[entry];
    let freq = cdf[entry + 1u] - start;
    // freq <= 2^precision, so the bound fits in u32; x leaves the loop after at most 2 bytes.
    let bound = freq << (31u - params.cdfBits);
    while (x >= bound) {
      position--;
      word |= (x & 0xffu) << ((position & 3u) * 8u);
      if ((position & 3u) == 0u) {
        regions[position >> 2u] = word;
        word = 0u;
      }
      x >>= 8u;
    }
    x = ((x / freq) << params.cdfBits) + x % freq + start;
  }
  if ((position & 3u) != 0u) {
    regions[position >> 2u] = word;
  }
  lanes[lane] = Lane(x, end - position);
}
`,
  };
}
