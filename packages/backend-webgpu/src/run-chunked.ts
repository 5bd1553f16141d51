import { GpuWork } from './gpu-work.js';
import { dispatchChunks, type ValueChunk } from './value-chunks.js';
import type { WebGpuBackend } from './webgpu-backend.js';
import type { WebGpuProgram } from './webgpu-program.js';

/** A call of a program that maps per-value inputs to per-value outputs, chunk by chunk. */
export interface ChunkedCall {
  readonly kernelName: string;
  readonly program: WebGpuProgram;
  readonly valueCount: number;
  /** Values per invocation: 1 for elementwise programs, the sequence length for trellis ones. */
  readonly unitValues: number;
  /** One i32 per value each, bound from binding 2 on, in this order. */
  readonly perValue: readonly Int32Array[];
  /** Uploaded once and bound whole after the per-value inputs. */
  readonly constants?: readonly (Uint32Array | Int32Array)[];
  /** u32 words per value of a scratch buffer bound last (none when 0). */
  readonly scratchWords?: number;
  /** i32 results per value; binding 1 holds the chunk's first results, then its second, … */
  readonly outputs: number;
  /** The uniforms (binding 0) of a chunk. */
  params(chunk: ValueChunk): Uint32Array;
}

/**
 * Runs a {@link ChunkedCall}: chunks of whole units within the device's limits, one dispatch
 * each with one invocation per unit, and returns the `outputs` result arrays of `valueCount`
 * values. Every buffer is destroyed before it returns.
 */
export async function runChunked(backend: WebGpuBackend, call: ChunkedCall): Promise<Int32Array[]> {
  const { valueCount, unitValues, outputs, program } = call;
  const results = Array.from({ length: outputs }, () => new Int32Array(valueCount));
  if (valueCount === 0) return results;
  const scratchWords = call.scratchWords ?? 0;
  const chunks = dispatchChunks(
    {
      kernelName: call.kernelName,
      valueCount,
      unitValues,
      bytesPerValue: 4 * Math.max(outputs, scratchWords, 1),
      workgroupSize: program.workgroupSize,
    },
    backend.options.maxChunkSymbols,
    backend.device.limits,
  );
  const largest = chunks[0].count;
  const work = new GpuWork(backend, call.kernelName);
  try {
    const params = work.uniform(call.params(chunks[0]).byteLength);
    const resultBytes = 4 * outputs * largest;
    const resultBuffer = work.storage(resultBytes);
    const staging = work.staging(resultBytes);
    const inputs = call.perValue.map(() => work.storage(4 * largest));
    const constants = (call.constants ?? []).map((data) => {
      const buffer = work.storage(data.byteLength);
      work.write(buffer, data);
      return buffer;
    });
    const scratch = scratchWords > 0 ? [work.storage(4 * scratchWords * largest)] : [];
    const bindings = [params, resultBuffer, ...inputs, ...constants, ...scratch];
    const unit = Math.max(1, Math.min(unitValues, valueCount));
    for (const chunk of chunks) {
      const end = chunk.first + chunk.count;
      work.write(params, call.params(chunk));
      call.perValue.forEach((data, b) => {
        work.write(inputs[b], data.subarray(chunk.first, end));
      });
      const bytes = 4 * outputs * chunk.count;
      await work.run(program, bindings, Math.ceil(chunk.count / unit), [[resultBuffer, staging, bytes]]);
      const out = new Int32Array(await work.read(staging, bytes));
      for (let o = 0; o < outputs; o++) {
        results[o].set(out.subarray(o * chunk.count, (o + 1) * chunk.count), chunk.first);
      }
    }
  } finally {
    work.destroy();
  }
  return results;
}
