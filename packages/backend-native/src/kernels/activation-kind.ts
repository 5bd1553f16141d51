import type { ActivationKind } from '@lico/core';

/** The addon's number for each activation (cc/kernels/Activation.h). */
export const nativeActivationKind: Readonly<Record<ActivationKind, number>> = {
  relu: 0,
  leakyRelu: 1,
  sigmoid: 2,
  tanh: 3,
  softplus: 4,
};
