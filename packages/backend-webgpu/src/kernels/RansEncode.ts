import { checkRansEncodeInputs, type KernelConfig, RansEncode, ransSymbolEntries, writeRansStream } from '@lico/core';
import { encodeLanes } from '../rans-encode-lanes.js';
import { asWebGpuBackend } from '../webgpu-backend.js';

/**
 * The escape section is one sequential bit stream in symbol order, so a forward pass on the CPU
 * writes it and maps each value to its CDF entry; the lanes are then coded on the GPU, one
 * invocation each, and the stream is assembled with core's writer.
 */
export const ransEncodeKernel: KernelConfig<typeof RansEncode> = {
  kernelName: RansEncode,
  backendName: 'webgpu',
  async run(inputs, attrs, backend) {
    const gpu = asWebGpuBackend(backend);
    checkRansEncodeInputs(inputs, attrs);
    const { values, indexes, tables } = inputs;
    const { entries, escapes } = ransSymbolEntries(values, indexes, tables);
    const lanes = await encodeLanes(gpu, entries, tables.cdf, tables.precision, attrs.lanes);
    return writeRansStream({ precision: tables.precision, symbolCount: values.length, lanes, escapes });
  },
};
