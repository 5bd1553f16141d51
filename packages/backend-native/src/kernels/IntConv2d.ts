import { checkIntConv2dInputs, IntConv2d, type KernelConfig } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const intConv2dKernel: KernelConfig<typeof IntConv2d> = {
  kernelName: IntConv2d,
  backendName: 'native',
  run({ input, weights, bias }, attrs, backend) {
    checkIntConv2dInputs({ input, weights, bias }, attrs);
    return (backend as NativeBackend).addon.lico_IntConv2d(
      input,
      weights,
      bias,
      attrs.inChannels,
      attrs.height,
      attrs.width,
      attrs.outChannels,
      attrs.kernelHeight,
      attrs.kernelWidth,
      attrs.stride,
      attrs.padding,
      attrs.transposed,
      attrs.outputPadding,
      attrs.shift,
      attrs.clampMin,
      attrs.clampMax,
    );
  },
};
