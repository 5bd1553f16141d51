import { AdamUpdate, checkAdamUpdateInputs, type KernelConfig } from '@lico/core';

export const adamUpdateKernel: KernelConfig<typeof AdamUpdate> = {
  kernelName: AdamUpdate,
  backendName: 'js',
  run({ params, grads, m, v }, attrs) {
    checkAdamUpdateInputs({ params, grads, m, v }, attrs);
    const { learningRate, beta1, beta2, epsilon, step, maxGradNorm } = attrs;
    let squares = 0;
    for (let k = 0; k < grads.length; k++) squares += grads[k] * grads[k];
    const gradNorm = Math.sqrt(squares);
    const clip = maxGradNorm > 0 && maxGradNorm < Infinity ? maxGradNorm / (gradNorm + 1e-6) : 1;
    const scale = Math.min(1, clip);
    const stepSize = learningRate / (1 - beta1 ** step);
    const correction2 = Math.sqrt(1 - beta2 ** step);
    for (let k = 0; k < params.length; k++) {
      const g = grads[k] * scale;
      m[k] = beta1 * m[k] + (1 - beta1) * g;
      v[k] = beta2 * v[k] + (1 - beta2) * g * g;
      params[k] -= (stepSize * m[k]) / (Math.sqrt(v[k]) / correction2 + epsilon);
    }
    return { gradNorm };
  },
};
