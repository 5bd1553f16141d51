import { checkScalarQuantizeInputs, DequantizeScalar, type KernelConfig } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const dequantizeScalarKernel: KernelConfig<typeof DequantizeScalar> = {
  kernelName: DequantizeScalar,
  backendName: 'native',
  run({ indexes, means }, attrs, backend) {
    checkScalarQuantizeInputs(indexes, means, attrs, 'indexes');
    return (backend as NativeBackend).addon.lico_DequantizeScalar(indexes, means, attrs.step);
  },
};
