import { AdamUpdate, checkAdamUpdateInputs, type KernelConfig } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const adamUpdateKernel: KernelConfig<typeof AdamUpdate> = {
  kernelName: AdamUpdate,
  backendName: 'native',
  run({ params, grads, m, v }, attrs, backend) {
    checkAdamUpdateInputs({ params, grads, m, v }, attrs);
    const { learningRate, beta1, beta2, epsilon, step, maxGradNorm } = attrs;
    const gradNorm = (backend as NativeBackend).addon.lico_AdamUpdate(
      params,
      grads,
      m,
      v,
      learningRate,
      beta1,
      beta2,
      epsilon,
      step,
      maxGradNorm,
    );
    return { gradNorm };
  },
};
