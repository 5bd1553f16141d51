import { checkScalarQuantizeInputs, DequantizeScalar, type KernelConfig } from '@lico/core';

export const dequantizeScalarKernel: KernelConfig<typeof DequantizeScalar> = {
  kernelName: DequantizeScalar,
  backendName: 'js',
  run({ indexes, means }, attrs) {
    checkScalarQuantizeInputs(indexes, means, attrs, 'indexes');
    const out = new Int32Array(indexes.length);
    // Int32Array stores wrap like the int32 arithmetic of the other backends.
    for (let i = 0; i < indexes.length; i++) out[i] = indexes[i] * attrs.step + (means ? means[i] : 0);
    return out;
  },
};
