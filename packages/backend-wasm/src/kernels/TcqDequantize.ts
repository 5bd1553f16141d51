import { checkScalarQuantizeInputs, checkTcqAttrs, type KernelConfig, TcqDequantize } from '@lico/core';
import type { WasmBackend } from '../base.js';

export const tcqDequantizeKernel: KernelConfig<typeof TcqDequantize> = {
  kernelName: TcqDequantize,
  backendName: 'wasm',
  run({ indexes, means }, attrs, backend) {
    checkScalarQuantizeInputs(indexes, means, attrs, 'indexes');
    checkTcqAttrs(attrs);
    const { heap } = backend as WasmBackend;
    const n = indexes.length;
    // A sequence never runs past the values; this also keeps the length within uint32.
    const length = Math.max(1, Math.min(attrs.sequenceLength, n));
    const pointers = [heap.copyIn(indexes), heap.copyInOptional(means), heap.alloc(n * 4)];
    const [indexPointer, meanPointer, out] = pointers;
    return heap.using(pointers, () => {
      heap.exports.lico_TcqDequantize(indexPointer, meanPointer, n, attrs.step, attrs.states, length, out);
      return heap.i32(out, n).slice();
    });
  },
};
