import type { RansDecodeInputs, RansStreamLayout } from '@lico/core';
import { GpuWork } from './gpu-work.js';
import {
  DECODE_LANE_WORDS,
  DECODE_PARAM_WORDS,
  LANE_RAN_PAST_END,
  ransDecodeProgram,
} from './programs/RansDecode.wgsl.js';
import { chunkSymbols, laneStepsIn, type StepChunk, stepChunks } from './rans-chunks.js';
import type { WebGpuBackend } from './webgpu-backend.js';

// 32 invocations: one warp on NVIDIA, and for the common 64 lanes two workgroups, which CPU
// emulations such as SwiftShader spread over two threads.
const WORKGROUP_SIZE = 32;

/**
 * Each lane's starting state, `DECODE_LANE_WORDS` words per lane: x (its first 4 bytes),
 * position (just after them, in the stream), end, origin (set per chunk), status. The caller
 * checks that x is a possible state before decoding.
 */
export function startLanes(stream: Uint8Array, layout: RansStreamLayout): Uint32Array {
  const lanes = new Uint32Array(layout.laneCount * DECODE_LANE_WORDS);
  for (let lane = 0; lane < layout.laneCount; lane++) {
    const at = layout.laneStarts[lane];
    const o = lane * DECODE_LANE_WORDS;
    lanes[o] = (stream[at] | (stream[at + 1] << 8) | (stream[at + 2] << 16) | (stream[at + 3] << 24)) >>> 0;
    lanes[o + 1] = at + 4;
    lanes[o + 2] = layout.laneStarts[lane + 1];
  }
  return lanes;
}

/**
 * Uploads, for each lane, the bytes it can consume in a chunk (at most 2 per symbol, never past
 * its end), and points the lane's origin at them.
 */
function packWindows(stream: Uint8Array, lanes: Uint32Array, chunk: StepChunk, symbolCount: number): Uint8Array {
  const laneCount = lanes.length / DECODE_LANE_WORDS;
  const ranges = new Uint32Array(laneCount * 2);
  let total = 0;
  for (let lane = 0; lane < laneCount; lane++) {
    const o = lane * DECODE_LANE_WORDS;
    const begin = lanes[o + 1];
    const end = Math.min(lanes[o + 2], begin + 2 * laneStepsIn(chunk, lane, laneCount, symbolCount));
    ranges[2 * lane] = begin;
    ranges[2 * lane + 1] = end;
    lanes[o + 3] = (total - begin) >>> 0;
    total += end - begin;
  }
  const packed = new Uint8Array(Math.ceil(total / 4) * 4);
  let at = 0;
  for (let lane = 0; lane < laneCount; lane++) {
    const bytes = stream.subarray(ranges[2 * lane], ranges[2 * lane + 1]);
    packed.set(bytes, at);
    at += bytes.length;
  }
  return packed;
}

/**
 * Decodes every lane on the GPU, chunk by chunk, writing each symbol's table-relative index into
 * `symbols` and leaving each lane's final state in `lanes`. Stops after the first chunk where a
 * lane runs past its end and returns that lane, else -1.
 */
export async function decodeLanes(
  backend: WebGpuBackend,
  inputs: RansDecodeInputs,
  layout: RansStreamLayout,
  lanes: Uint32Array,
  symbols: Int32Array,
): Promise<number> {
  const { stream, indexes, tables } = inputs;
  const n = indexes.length;
  const laneCount = layout.laneCount;
  const chunks = stepChunks(n, laneCount, backend.options.maxChunkSymbols, backend.device.limits);
  if (chunks.length === 0) return -1;
  const largestSymbols = chunks[0].stepCount * laneCount;
  const work = new GpuWork(backend, 'RansDecode');
  try {
    const params = work.uniform(DECODE_PARAM_WORDS * 4);
    const laneBytes = work.storage(2 * largestSymbols);
    const chunkIndexes = work.storage(4 * largestSymbols);
    const starts = work.storage(tables.starts.byteLength);
    const cdf = work.storage(tables.cdf.byteLength);
    const symbolBuffer = work.storage(4 * largestSymbols);
    const laneBuffer = work.storage(lanes.byteLength);
    const symbolsOut = work.staging(4 * largestSymbols);
    const lanesOut = work.staging(lanes.byteLength);
    work.write(starts, tables.starts);
    work.write(cdf, tables.cdf);
    const program = ransDecodeProgram(WORKGROUP_SIZE);
    for (const chunk of chunks) {
      const [first, last] = chunkSymbols(chunk, laneCount, n);
      work.write(laneBytes, packWindows(stream, lanes, chunk, n));
      work.write(laneBuffer, lanes);
      work.write(chunkIndexes, indexes.subarray(first, last));
      work.write(params, new Uint32Array([laneCount, n, chunk.firstStep, chunk.stepCount, tables.precision]));
      await work.run(program, [params, laneBytes, chunkIndexes, starts, cdf, symbolBuffer, laneBuffer], laneCount, [
        [symbolBuffer, symbolsOut, 4 * (last - first)],
        [laneBuffer, lanesOut, lanes.byteLength],
      ]);
      const [decoded, state] = await Promise.all([
        work.read(symbolsOut, 4 * (last - first)),
        work.read(lanesOut, lanes.byteLength),
      ]);
      lanes.set(new Uint32Array(state));
      for (let lane = 0; lane < laneCount; lane++) {
        if (lanes[lane * DECODE_LANE_WORDS + 4] === LANE_RAN_PAST_END) return lane;
      }
      symbols.set(new Int32Array(decoded), first);
    }
    return -1;
  } finally {
    work.destroy();
  }
}
