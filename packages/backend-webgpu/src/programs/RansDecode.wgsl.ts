import { RANS_STATE_LOWER } from '@lico/core';
import type { WebGpuProgram } from '../webgpu-program.js';

/** Per-lane status the decode program leaves for the kernel: the lane needed a byte past its end. */
export const LANE_RAN_PAST_END = 1;
/** u32 words per lane in the decode program's lane buffer: x, position, end, origin, status. */
export const DECODE_LANE_WORDS = 5;
/** u32 words of the decode program's uniforms: laneCount, symbolCount, firstStep, stepCount, cdfBits (the precision). */
export const DECODE_PARAM_WORDS = 5;

/**
 * Decodes one chunk of steps, one invocation per lane. Each lane reads its bytes from the window
 * the kernel uploaded for it (stream byte `position` lies at `laneBytes[position + origin]`, in
 * wrapping u32 arithmetic), finds each symbol by binary search in its table, writes the
 * table-relative symbol, and leaves its state for the next chunk. A lane that needs a byte at or
 * past `end` stops with {@link LANE_RAN_PAST_END}.
 */
export function ransDecodeProgram(workgroupSize: number): WebGpuProgram {
  return {
    shaderKey: `RansDecode/wg${workgroupSize}`,
    workgroupSize,
    source: () => /* wgsl */ `
struct Params {
  laneCount: u32,
  symbolCount: u32,
  firstStep: u32,
  stepCount: u32,
  cdfBits: u32,
}

struct Lane {
  x: u32,
  position: u32,
  end: u32,
  origin: u32,
  status: u32,
}

const STATE_LOWER: u32 = ${RANS_STATE_LOWER}u;

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read> laneBytes: array<u32>;
@group(0) @binding(2) var<storage, read> indexes: array<i32>;
@group(0) @binding(3) var<storage, read> starts: array<u32>;
@group(0) @binding(4) var<storage, read> cdf: array<u32>;
@group(0) @binding(5) var<storage, read_write> symbols: array<u32>;
@group(0) @binding(6) var<storage, read_write> lanes: array<Lane>;

fn laneByte(at: u32) -> u32 {
  return (laneBytes[at >> 2u] >> ((at & 3u) * 8u)) & 0xffu;
}

@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  let lane = id.x;
  if (lane >= params.laneCount || lanes[lane].status != 0u) {
    return;
  }
  let mask = (1u << params.cdfBits) - 1u;
  let end = lanes[lane].end;
  let origin = lanes[lane].origin;
  var x = lanes[lane].x;
  var position = lanes[lane].position;
  var status = 0u;
  for (var step = 0u; step < params.stepCount; step++) {
    let local = step * params.laneCount + lane;
    if ((params.firstStep + step) * params.laneCount + lane >= params.symbolCount) {
      break;
    }
    let table = u32(indexes[local]);
    let slot = x & mask;
    // Binary search for the symbol s with cdf[s] <= slot < cdf[s + 1].
    var low = starts[table];
    var high = starts[table + 1u] - 1u;
    while (high - low > 1u) {
      let middle = (low + high) >> 1u;
      if (cdf[middle] <= slot) {
        low = middle;
      } else {
        high = middle;
      }
    }
    let start = cdf[low];
    x = (cdf[low + 1u] - start) * (x >> params.cdfBits) + slot - start;
    // x >= 2^(23 - precision) here, so two bytes always bring it back to [2^23, 2^31).
    for (var r = 0u; r < 2u && x < STATE_LOWER; r++) {
      if (position >= end) {
        status = ${LANE_RAN_PAST_END}u;
        break;
      }
      x = (x << 8u) | laneByte(position + origin);
      position++;
    }
    if (status != 0u) {
      break;
    }
    symbols[local] = low - starts[table];
  }
  lanes[lane] = Lane(x, position, end, origin, status);
}
`,
  };
}
