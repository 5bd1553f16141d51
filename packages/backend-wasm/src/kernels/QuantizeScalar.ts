import { checkScalarQuantizeInputs, type KernelConfig, QuantizeScalar } from '@lico/core';
import type { WasmBackend } from '../base.js';

export const quantizeScalarKernel: KernelConfig<typeof QuantizeScalar> = {
  kernelName: QuantizeScalar,
  backendName: 'wasm',
  run({ latents, means }, attrs, backend) {
    checkScalarQuantizeInputs(latents, means, attrs);
    const { heap } = backend as WasmBackend;
    const n = latents.length;
    const pointers = [heap.copyIn(latents), heap.copyInOptional(means), heap.alloc(n * 4), heap.alloc(n * 4)];
    const [latentPointer, meanPointer, indexes, reconstruction] = pointers;
    return heap.using(pointers, () => {
      heap.exports.lico_QuantizeScalar(
        latentPointer,
        meanPointer,
        n,
        attrs.step,
        attrs.rounding,
        indexes,
        reconstruction,
      );
      return { indexes: heap.i32(indexes, n).slice(), reconstruction: heap.i32(reconstruction, n).slice() };
    });
  },
};
