import { effectiveLaneCount, RANS_STATE_LOWER } from '@lico/core';
import { GpuWork } from './gpu-work.js';
import { ENCODE_LANE_WORDS, ENCODE_PARAM_WORDS, ransEncodeProgram } from './programs/RansEncode.wgsl.js';
import { chunkSymbols, stepChunks } from './rans-chunks.js';
import type { WebGpuBackend } from './webgpu-backend.js';

// 32 invocations: one warp on NVIDIA, and for the common 64 lanes two workgroups, which CPU
// emulations such as SwiftShader spread over two threads.
const WORKGROUP_SIZE = 32;

/**
 * Codes every lane on the GPU and returns each lane's bytes: its final state (4 bytes, little
 * endian), then what the encoder emitted in reverse order. Chunks run last step first, since
 * rANS encodes backwards; lane j's bytes from a chunk precede those of the chunks after it.
 * `entries[i]` is symbol i's CDF entry index (`starts[table] + symbol`).
 */
export async function encodeLanes(
  backend: WebGpuBackend,
  entries: Uint32Array,
  cdf: Uint32Array,
  precision: number,
  requestedLanes: number,
): Promise<Uint8Array[]> {
  const n = entries.length;
  const laneCount = effectiveLaneCount(requestedLanes, n);
  const lanes = new Uint32Array(laneCount * ENCODE_LANE_WORDS);
  for (let lane = 0; lane < laneCount; lane++) lanes[lane * ENCODE_LANE_WORDS] = RANS_STATE_LOWER;
  // pieces[lane][c]: lane's bytes from chunk c (chunks in stream order).
  const pieces: Uint8Array[][] = Array.from({ length: laneCount }, () => []);
  const chunks = stepChunks(n, laneCount, backend.options.maxChunkSymbols, backend.device.limits);
  if (chunks.length > 0) {
    const largestSteps = chunks[0].stepCount;
    const regionBytes = Math.ceil((2 * largestSteps) / 4) * 4;
    const work = new GpuWork(backend, 'RansEncode');
    try {
      const params = work.uniform(ENCODE_PARAM_WORDS * 4);
      const chunkEntries = work.storage(4 * largestSteps * laneCount);
      const cdfBuffer = work.storage(cdf.byteLength);
      const regions = work.storage(regionBytes * laneCount);
      const laneBuffer = work.storage(lanes.byteLength);
      const regionsOut = work.staging(regionBytes * laneCount);
      const lanesOut = work.staging(lanes.byteLength);
      work.write(cdfBuffer, cdf);
      const program = ransEncodeProgram(WORKGROUP_SIZE);
      for (const chunk of [...chunks].reverse()) {
        const [first, last] = chunkSymbols(chunk, laneCount, n);
        work.write(chunkEntries, entries.subarray(first, last));
        work.write(laneBuffer, lanes);
        work.write(params, new Uint32Array([laneCount, n, chunk.firstStep, chunk.stepCount, precision, regionBytes]));
        await work.run(program, [params, chunkEntries, cdfBuffer, regions, laneBuffer], laneCount, [
          [regions, regionsOut, regionBytes * laneCount],
          [laneBuffer, lanesOut, lanes.byteLength],
        ]);
        const [written, state] = await Promise.all([
          work.read(regionsOut, regionBytes * laneCount),
          work.read(lanesOut, lanes.byteLength),
        ]);
        lanes.set(new Uint32Array(state));
        const bytes = new Uint8Array(written);
        for (let lane = 0; lane < laneCount; lane++) {
          const end = (lane + 1) * regionBytes;
          pieces[lane].unshift(bytes.slice(end - lanes[lane * ENCODE_LANE_WORDS + 1], end));
        }
      }
    } finally {
      work.destroy();
    }
  }
  return pieces.map((lanePieces, lane) => {
    const out = new Uint8Array(4 + lanePieces.reduce((sum, piece) => sum + piece.length, 0));
    new DataView(out.buffer).setUint32(0, lanes[lane * ENCODE_LANE_WORDS], true);
    let at = 4;
    for (const piece of lanePieces) {
      out.set(piece, at);
      at += piece.length;
    }
    return out;
  });
}
