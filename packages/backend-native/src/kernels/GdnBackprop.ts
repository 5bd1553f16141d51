import { checkGdnBackpropInputs, GdnBackprop, type KernelConfig, throwCcStatus } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const gdnBackpropKernel: KernelConfig<typeof GdnBackprop> = {
  kernelName: GdnBackprop,
  backendName: 'native',
  run({ input, norm, outputGrad, gamma }, attrs, backend) {
    checkGdnBackpropInputs({ input, norm, outputGrad, gamma }, attrs);
    const { batch, channels, height, width, inverse } = attrs;
    const result = (backend as NativeBackend).addon.lico_GdnBackprop(
      input,
      norm,
      outputGrad,
      gamma,
      batch,
      channels,
      height,
      width,
      inverse,
    );
    if (result.status !== 0 || !result.inputGrad || !result.betaGrad || !result.gammaGrad) throwCcStatus(result, 0);
    return { inputGrad: result.inputGrad, betaGrad: result.betaGrad, gammaGrad: result.gammaGrad };
  },
};
