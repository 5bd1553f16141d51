import { checkScalarQuantizeInputs, DequantizeScalar, type KernelConfig } from '@lico/core';
import { DEQUANTIZE_SCALAR_PARAM_WORDS, dequantizeScalarProgram } from '../programs/DequantizeScalar.wgsl.js';
import { runChunked } from '../run-chunked.js';
import { asWebGpuBackend } from '../webgpu-backend.js';

const WORKGROUP_SIZE = 64;

/** One invocation per value, in chunks within the device's limits; the checks are core's. */
export const dequantizeScalarKernel: KernelConfig<typeof DequantizeScalar> = {
  kernelName: DequantizeScalar,
  backendName: 'webgpu',
  async run({ indexes, means }, attrs, backend) {
    const gpu = asWebGpuBackend(backend);
    checkScalarQuantizeInputs(indexes, means, attrs, 'indexes');
    const [reconstruction] = await runChunked(gpu, {
      kernelName: DequantizeScalar,
      program: dequantizeScalarProgram(WORKGROUP_SIZE, means !== undefined),
      valueCount: indexes.length,
      unitValues: 1,
      perValue: means ? [indexes, means] : [indexes],
      outputs: 1,
      params: (chunk) => {
        const params = new Uint32Array(DEQUANTIZE_SCALAR_PARAM_WORDS);
        params.set([chunk.count, attrs.step]);
        return params;
      },
    });
    return reconstruction;
  },
};
