import { ActivationBackprop, checkActivationAttrs, checkSameLength, type KernelConfig } from '@lico/core';
import type { NativeBackend } from '../base.js';
import { nativeActivationKind } from './activation-kind.js';

export const activationBackpropKernel: KernelConfig<typeof ActivationBackprop> = {
  kernelName: ActivationBackprop,
  backendName: 'native',
  run({ input, outputGrad }, attrs, backend) {
    const slope = checkActivationAttrs(attrs);
    checkSameLength({ input, outputGrad });
    return (backend as NativeBackend).addon.lico_ActivationBackprop(
      input,
      outputGrad,
      nativeActivationKind[attrs.kind],
      slope,
    );
  },
};
