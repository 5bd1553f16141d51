import {
  checkTcqAttrs,
  checkTcqQuantizeInputs,
  type KernelConfig,
  TcqQuantize,
  type TcqRateTables,
  tableIndexOutOfRange,
} from '@lico/core';
import { TCQ_QUANTIZE_PARAM_WORDS, TCQ_ROW_WORDS, tcqQuantizeProgram } from '../programs/TcqQuantize.wgsl.js';
import { runChunked } from '../run-chunked.js';
import { asWebGpuBackend } from '../webgpu-backend.js';

// Calls have few sequences (a 192×32×48 latent in sequences of 1536 is 192 invocations):
// small workgroups spread them over more GPU cores, or CPU threads under SwiftShader.
const WORKGROUP_SIZE = 32;

/** Each rate row as the program reads it: first cost entry, escape symbol (the row's last entry), offset. */
function rateRows(rates: TcqRateTables): Uint32Array {
  const rowCount = rates.starts.length - 1;
  const rows = new Uint32Array(rowCount * TCQ_ROW_WORDS);
  for (let r = 0; r < rowCount; r++) {
    rows[r * TCQ_ROW_WORDS] = rates.starts[r];
    rows[r * TCQ_ROW_WORDS + 1] = rates.starts[r + 1] - rates.starts[r] - 1;
    rows[r * TCQ_ROW_WORDS + 2] = rates.offsets[r] >>> 0;
  }
  return rows;
}

/**
 * One invocation per sequence: the Viterbi search and its backtrack run on the GPU (see the
 * program), in chunks of whole sequences whose survivors (4 bytes per value and state) fit
 * the device's buffers. Core's checks, and the table indexes, are checked on the CPU first,
 * with the js reference's errors.
 */
export const tcqQuantizeKernel: KernelConfig<typeof TcqQuantize> = {
  kernelName: TcqQuantize,
  backendName: 'webgpu',
  async run({ latents, means, tableIndexes, rates }, attrs, backend) {
    const gpu = asWebGpuBackend(backend);
    checkTcqQuantizeInputs(latents, means, tableIndexes, rates);
    checkTcqAttrs(attrs);
    const { step, states, sequenceLength, bitCost } = attrs;
    const tables = (rates.starts.length - 1) / 2;
    for (let i = 0; i < tableIndexes.length; i++) {
      const t = tableIndexes[i];
      if (t < 0 || t >= tables) tableIndexOutOfRange(i, t, tables);
    }
    const unit = Math.min(sequenceLength, latents.length);
    const [indexes, reconstruction] = await runChunked(gpu, {
      kernelName: TcqQuantize,
      program: tcqQuantizeProgram(WORKGROUP_SIZE, states, means !== undefined),
      valueCount: latents.length,
      unitValues: unit,
      perValue: means ? [latents, tableIndexes, means] : [latents, tableIndexes],
      constants: [rates.costs, rateRows(rates)],
      scratchWords: states,
      outputs: 2,
      params: (chunk) => {
        const params = new Uint32Array(TCQ_QUANTIZE_PARAM_WORDS);
        params.set([chunk.count, unit, step, bitCost]);
        return params;
      },
    });
    return { indexes, reconstruction };
  },
};
