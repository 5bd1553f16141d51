import { checkScalarQuantizeInputs, DequantizeScalar, type KernelConfig } from '@lico/core';
import type { WasmBackend } from '../base.js';

export const dequantizeScalarKernel: KernelConfig<typeof DequantizeScalar> = {
  kernelName: DequantizeScalar,
  backendName: 'wasm',
  run({ indexes, means }, attrs, backend) {
    checkScalarQuantizeInputs(indexes, means, attrs, 'indexes');
    const { heap } = backend as WasmBackend;
    const n = indexes.length;
    const pointers = [heap.copyIn(indexes), heap.copyInOptional(means), heap.alloc(n * 4)];
    const [indexPointer, meanPointer, out] = pointers;
    return heap.using(pointers, () => {
      heap.exports.lico_DequantizeScalar(indexPointer, meanPointer, n, attrs.step, out);
      return heap.i32(out, n).slice();
    });
  },
};
