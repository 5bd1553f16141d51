import {
  BitWriter,
  checkRansEncodeInputs,
  escapeCode,
  type KernelConfig,
  RansEncode,
  tableCount,
  tableIndexOutOfRange,
  writeEscape,
  writeRansStream,
} from '@lico/core';
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
    const { cdf, starts, valueOffsets, precision } = tables;
    const n = values.length;
    const count = tableCount(tables);

    const entries = new Uint32Array(n);
    const escapes = new BitWriter();
    for (let i = 0; i < n; i++) {
      const t = indexes[i];
      if (t < 0 || t >= count) tableIndexOutOfRange(i, t, count);
      const escapeSymbol = starts[t + 1] - starts[t] - 2;
      const s = values[i] - valueOffsets[t];
      if (s >= 0 && s < escapeSymbol) {
        entries[i] = starts[t] + s;
      } else {
        entries[i] = starts[t] + escapeSymbol;
        writeEscape(escapes, escapeCode(values[i], valueOffsets[t], escapeSymbol));
      }
    }

    const lanes = await encodeLanes(gpu, entries, cdf, precision, attrs.lanes);
    return writeRansStream({ precision, symbolCount: n, lanes, escapes: escapes.finish() });
  },
};
