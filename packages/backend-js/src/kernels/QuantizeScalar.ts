import { checkScalarQuantizeInputs, type KernelConfig, QuantizeScalar } from '@lico/core';

export const quantizeScalarKernel: KernelConfig<typeof QuantizeScalar> = {
  kernelName: QuantizeScalar,
  backendName: 'js',
  run({ latents, means }, attrs) {
    checkScalarQuantizeInputs(latents, means, attrs);
    const { step, rounding } = attrs;
    const indexes = new Int32Array(latents.length);
    const reconstruction = new Int32Array(latents.length);
    for (let i = 0; i < latents.length; i++) {
      const mean = means ? means[i] : 0;
      const v = latents[i] - mean;
      const magnitude = Math.floor((Math.abs(v) + rounding) / step);
      const k = v < 0 ? -magnitude : magnitude;
      indexes[i] = k;
      reconstruction[i] = k * step + mean;
    }
    return { indexes, reconstruction };
  },
};
