import { checkScalarQuantizeInputs, type KernelConfig, QuantizeScalar } from '@lico/core';
import { QUANTIZE_SCALAR_PARAM_WORDS, quantizeScalarProgram } from '../programs/QuantizeScalar.wgsl.js';
import { runChunked } from '../run-chunked.js';
import { asWebGpuBackend } from '../webgpu-backend.js';

const WORKGROUP_SIZE = 64;

/** One invocation per value, in chunks within the device's limits; the checks are core's. */
export const quantizeScalarKernel: KernelConfig<typeof QuantizeScalar> = {
  kernelName: QuantizeScalar,
  backendName: 'webgpu',
  async run({ latents, means }, attrs, backend) {
    const gpu = asWebGpuBackend(backend);
    checkScalarQuantizeInputs(latents, means, attrs);
    const [indexes, reconstruction] = await runChunked(gpu, {
      kernelName: QuantizeScalar,
      program: quantizeScalarProgram(WORKGROUP_SIZE, means !== undefined),
      valueCount: latents.length,
      unitValues: 1,
      perValue: means ? [latents, means] : [latents],
      outputs: 2,
      params: (chunk) => {
        const params = new Uint32Array(QUANTIZE_SCALAR_PARAM_WORDS);
        params.set([chunk.count, attrs.step, attrs.rounding]);
        return params;
      },
    });
    return { indexes, reconstruction };
  },
};
