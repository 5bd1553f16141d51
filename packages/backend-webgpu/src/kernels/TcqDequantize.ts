import { checkScalarQuantizeInputs, checkTcqAttrs, type KernelConfig, TcqDequantize } from '@lico/core';
import { TCQ_DEQUANTIZE_PARAM_WORDS, tcqDequantizeProgram } from '../programs/TcqDequantize.wgsl.js';
import { runChunked } from '../run-chunked.js';
import { asWebGpuBackend } from '../webgpu-backend.js';

const WORKGROUP_SIZE = 32;

/** One invocation per sequence (the state runs through it), in chunks of whole sequences. */
export const tcqDequantizeKernel: KernelConfig<typeof TcqDequantize> = {
  kernelName: TcqDequantize,
  backendName: 'webgpu',
  async run({ indexes, means }, attrs, backend) {
    const gpu = asWebGpuBackend(backend);
    checkScalarQuantizeInputs(indexes, means, attrs, 'indexes');
    checkTcqAttrs(attrs);
    const { step, states, sequenceLength } = attrs;
    const unit = Math.min(sequenceLength, indexes.length);
    const [reconstruction] = await runChunked(gpu, {
      kernelName: TcqDequantize,
      program: tcqDequantizeProgram(WORKGROUP_SIZE, states, means !== undefined),
      valueCount: indexes.length,
      unitValues: unit,
      perValue: means ? [indexes, means] : [indexes],
      outputs: 1,
      params: (chunk) => {
        const params = new Uint32Array(TCQ_DEQUANTIZE_PARAM_WORDS);
        params.set([chunk.count, unit, step]);
        return params;
      },
    });
    return reconstruction;
  },
};
