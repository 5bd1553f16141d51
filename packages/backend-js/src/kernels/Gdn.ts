import { checkGdnInputs, Gdn, type KernelConfig } from '@lico/core';

export const gdnKernel: KernelConfig<typeof Gdn> = {
  kernelName: Gdn,
  backendName: 'js',
  run({ input, beta, gamma }, attrs) {
    checkGdnInputs({ input, beta, gamma }, attrs);
    const { batch, channels, inverse } = attrs;
    const plane = attrs.height * attrs.width;
    const output = new Float32Array(input.length);
    const norm = new Float32Array(input.length);
    const acc = new Float64Array(plane);
    for (let n = 0; n < batch; n++) {
      const base = n * channels * plane;
      for (let i = 0; i < channels; i++) {
        acc.fill(beta[i]);
        for (let j = 0; j < channels; j++) {
          const g = gamma[i * channels + j];
          const from = base + j * plane;
          for (let k = 0; k < plane; k++) acc[k] += g * input[from + k] * input[from + k];
        }
        const at = base + i * plane;
        for (let k = 0; k < plane; k++) {
          norm[at + k] = acc[k];
          const root = Math.sqrt(norm[at + k]);
          output[at + k] = inverse ? input[at + k] * root : input[at + k] / root;
        }
      }
    }
    return { output, norm };
  },
};
