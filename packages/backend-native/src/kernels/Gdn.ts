import { checkGdnInputs, Gdn, type KernelConfig, throwCcStatus } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const gdnKernel: KernelConfig<typeof Gdn> = {
  kernelName: Gdn,
  backendName: 'native',
  run({ input, beta, gamma }, attrs, backend) {
    checkGdnInputs({ input, beta, gamma }, attrs);
    const { batch, channels, height, width, inverse } = attrs;
    const result = (backend as NativeBackend).addon.lico_Gdn(
      input,
      beta,
      gamma,
      batch,
      channels,
      height,
      width,
      inverse,
    );
    if (result.status !== 0 || !result.output || !result.norm) throwCcStatus(result, 0);
    return { output: result.output, norm: result.norm };
  },
};
