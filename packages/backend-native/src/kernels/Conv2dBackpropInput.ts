import { Conv2dBackpropInput, checkConv2dBackpropInputInputs, type KernelConfig, throwCcStatus } from '@lico/core';
import type { NativeBackend } from '../base.js';
import { nativeConv2dGeometry } from './conv2d-geometry.js';

export const conv2dBackpropInputKernel: KernelConfig<typeof Conv2dBackpropInput> = {
  kernelName: Conv2dBackpropInput,
  backendName: 'native',
  run({ outputGrad, weights }, attrs, backend) {
    checkConv2dBackpropInputInputs({ outputGrad, weights }, attrs);
    const result = (backend as NativeBackend).addon.lico_Conv2dBackpropInput(
      outputGrad,
      weights,
      ...nativeConv2dGeometry(attrs),
    );
    if (result.status !== 0 || !result.inputGrad) throwCcStatus(result, 0);
    return result.inputGrad;
  },
};
