import { checkGdnBackpropInputs, GdnBackprop, type KernelConfig } from '@lico/core';

export const gdnBackpropKernel: KernelConfig<typeof GdnBackprop> = {
  kernelName: GdnBackprop,
  backendName: 'js',
  run({ input, norm, outputGrad, gamma }, attrs) {
    checkGdnBackpropInputs({ input, norm, outputGrad, gamma }, attrs);
    const { batch, channels: C, inverse } = attrs;
    const plane = attrs.height * attrs.width;
    const inputGrad = new Float32Array(input.length);
    const betaGrad = new Float64Array(C);
    const gammaGrad = new Float64Array(C * C);
    // q = ∂L/∂norm: GDN y = x·norm^−½ gives −½·g·x·norm^−3/2, IGDN y = x·norm^½ gives ½·g·x·norm^−½.
    const q = new Float64Array(C * plane);
    for (let n = 0; n < batch; n++) {
      const base = n * C * plane;
      for (let k = 0; k < C * plane; k++) {
        const x = input[base + k];
        const g = outputGrad[base + k];
        const s = Math.sqrt(norm[base + k]);
        q[k] = inverse ? (0.5 * g * x) / s : (-0.5 * g * x) / (s * s * s);
        inputGrad[base + k] = inverse ? g * s : g / s;
      }
      for (let i = 0; i < C; i++) {
        for (let k = 0; k < plane; k++) betaGrad[i] += q[i * plane + k];
        for (let j = 0; j < C; j++) {
          const g = gamma[i * C + j];
          let sum = 0;
          for (let k = 0; k < plane; k++) {
            const x = input[base + j * plane + k];
            sum += q[i * plane + k] * x * x;
            inputGrad[base + j * plane + k] += 2 * x * g * q[i * plane + k];
          }
          gammaGrad[i * C + j] += sum;
        }
      }
    }
    return { inputGrad, betaGrad: Float32Array.from(betaGrad), gammaGrad: Float32Array.from(gammaGrad) };
  },
};
