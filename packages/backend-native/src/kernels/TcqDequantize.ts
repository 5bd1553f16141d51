import { checkScalarQuantizeInputs, checkTcqAttrs, type KernelConfig, TcqDequantize } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const tcqDequantizeKernel: KernelConfig<typeof TcqDequantize> = {
  kernelName: TcqDequantize,
  backendName: 'native',
  run({ indexes, means }, attrs, backend) {
    checkScalarQuantizeInputs(indexes, means, attrs, 'indexes');
    checkTcqAttrs(attrs);
    const { step, states, sequenceLength } = attrs;
    // A sequence never runs past the values; this also keeps the length within uint32.
    const length = Math.max(1, Math.min(sequenceLength, indexes.length));
    return (backend as NativeBackend).addon.lico_TcqDequantize(indexes, means, step, states, length);
  },
};
