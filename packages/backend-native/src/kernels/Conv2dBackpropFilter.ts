import { Conv2dBackpropFilter, checkConv2dBackpropFilterInputs, type KernelConfig, throwCcStatus } from '@lico/core';
import type { NativeBackend } from '../base.js';
import { nativeConv2dGeometry } from './conv2d-geometry.js';

export const conv2dBackpropFilterKernel: KernelConfig<typeof Conv2dBackpropFilter> = {
  kernelName: Conv2dBackpropFilter,
  backendName: 'native',
  run({ input, outputGrad }, attrs, backend) {
    checkConv2dBackpropFilterInputs({ input, outputGrad }, attrs);
    const result = (backend as NativeBackend).addon.lico_Conv2dBackpropFilter(
      input,
      outputGrad,
      ...nativeConv2dGeometry(attrs),
      attrs.hasBias,
    );
    if (result.status !== 0 || !result.weightsGrad) throwCcStatus(result, 0);
    return attrs.hasBias
      ? { weightsGrad: result.weightsGrad, biasGrad: result.biasGrad }
      : { weightsGrad: result.weightsGrad };
  },
};
