import { Activation, type ActivationKind, checkActivationAttrs, checkSameLength, type KernelConfig } from '@lico/core';

/** The activation of one value (shared with ActivationBackprop). */
export function activate(kind: ActivationKind, x: number, negativeSlope: number): number {
  switch (kind) {
    case 'relu':
      return x > 0 ? x : 0;
    case 'leakyRelu':
      return x >= 0 ? x : negativeSlope * x;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'softplus':
      return Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x)));
  }
}

export const activationKernel: KernelConfig<typeof Activation> = {
  kernelName: Activation,
  backendName: 'js',
  run({ input }, attrs) {
    const slope = checkActivationAttrs(attrs);
    checkSameLength({ input });
    const out = new Float32Array(input.length);
    for (let k = 0; k < input.length; k++) out[k] = activate(attrs.kind, input[k], slope);
    return out;
  },
};
