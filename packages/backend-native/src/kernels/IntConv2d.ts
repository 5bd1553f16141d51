import { checkIntConv2dInputs, IntConv2d, type KernelConfig } from '@lico/core';
import type { NativeBackend } from '../base.js';

/** Clamp bounds past int32 change nothing (the shifted accumulators are int32): clip them. */
const int32 = (value: number) => Math.min(2 ** 31 - 1, Math.max(-(2 ** 31), value));

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
      int32(attrs.clampMin),
      int32(attrs.clampMax),
    );
  },
};
