import { Activation, checkActivationAttrs, checkSameLength, type KernelConfig } from '@lico/core';
import type { NativeBackend } from '../base.js';
import { nativeActivationKind } from './activation-kind.js';

export const activationKernel: KernelConfig<typeof Activation> = {
  kernelName: Activation,
  backendName: 'native',
  run({ input }, attrs, backend) {
    const slope = checkActivationAttrs(attrs);
    checkSameLength({ input });
    return (backend as NativeBackend).addon.lico_Activation(input, nativeActivationKind[attrs.kind], slope);
  },
};
