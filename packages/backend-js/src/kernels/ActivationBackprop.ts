import { ActivationBackprop, checkActivationAttrs, checkSameLength, type KernelConfig } from '@lico/core';

export const activationBackpropKernel: KernelConfig<typeof ActivationBackprop> = {
  kernelName: ActivationBackprop,
  backendName: 'js',
  run({ input, outputGrad }, attrs) {
    const slope = checkActivationAttrs(attrs);
    checkSameLength({ input, outputGrad });
    const out = new Float32Array(input.length);
    for (let k = 0; k < input.length; k++) {
      const x = input[k];
      let derivative: number;
      switch (attrs.kind) {
        case 'relu':
          derivative = x > 0 ? 1 : 0;
          break;
        case 'leakyRelu':
          derivative = x > 0 ? 1 : slope;
          break;
        case 'tanh': {
          const t = Math.tanh(x);
          derivative = 1 - t * t;
          break;
        }
        default: {
          // sigmoid′ = σ(1 − σ); softplus′ = σ.
          const s = 1 / (1 + Math.exp(-x));
          derivative = attrs.kind === 'sigmoid' ? s * (1 - s) : s;
        }
      }
      out[k] = outputGrad[k] * derivative;
    }
    return out;
  },
};
