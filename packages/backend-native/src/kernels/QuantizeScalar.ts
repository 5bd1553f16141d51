import { checkScalarQuantizeInputs, type KernelConfig, QuantizeScalar } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const quantizeScalarKernel: KernelConfig<typeof QuantizeScalar> = {
  kernelName: QuantizeScalar,
  backendName: 'native',
  run({ latents, means }, attrs, backend) {
    checkScalarQuantizeInputs(latents, means, attrs);
    return (backend as NativeBackend).addon.lico_QuantizeScalar(latents, means, attrs.step, attrs.rounding);
  },
};
