import { Conv2d, checkConv2dInputs, type KernelConfig, throwCcStatus } from '@lico/core';
import type { NativeBackend } from '../base.js';
import { nativeConv2dGeometry } from './conv2d-geometry.js';

export const conv2dKernel: KernelConfig<typeof Conv2d> = {
  kernelName: Conv2d,
  backendName: 'native',
  run({ input, weights, bias }, attrs, backend) {
    checkConv2dInputs({ input, weights, bias }, attrs);
    const result = (backend as NativeBackend).addon.lico_Conv2d(input, weights, bias, ...nativeConv2dGeometry(attrs));
    if (result.status !== 0 || !result.output) throwCcStatus(result, 0);
    return result.output;
  },
};
