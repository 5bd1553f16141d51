import { checkTcqAttrs, checkTcqQuantizeInputs, type KernelConfig, TcqQuantize, throwCcStatus } from '@lico/core';
import type { WasmBackend } from '../base.js';

export const tcqQuantizeKernel: KernelConfig<typeof TcqQuantize> = {
  kernelName: TcqQuantize,
  backendName: 'wasm',
  run({ latents, means, tableIndexes, rates }, attrs, backend) {
    checkTcqQuantizeInputs(latents, means, tableIndexes, rates);
    checkTcqAttrs(attrs);
    const { heap } = backend as WasmBackend;
    const n = latents.length;
    const tables = (rates.starts.length - 1) / 2;
    // A sequence never runs past the values; this also keeps the length within uint32.
    const length = Math.max(1, Math.min(attrs.sequenceLength, n));
    const pointers = [
      heap.copyIn(latents),
      heap.copyInOptional(means),
      heap.copyIn(tableIndexes),
      heap.copyIn(rates.costs),
      heap.copyIn(rates.starts),
      heap.copyIn(rates.offsets),
      heap.alloc(n * 4),
      heap.alloc(n * 4),
      heap.alloc(12),
    ];
    const [latentPointer, meanPointer, tablePointer, costs, starts, offsets, indexes, reconstruction, error] = pointers;
    return heap.using(pointers, () => {
      const status = heap.exports.lico_TcqQuantize(
        latentPointer,
        meanPointer,
        tablePointer,
        n,
        costs,
        starts,
        offsets,
        tables,
        attrs.step,
        attrs.states,
        length,
        attrs.bitCost,
        indexes,
        reconstruction,
        error,
      );
      if (status !== 0) {
        const detail = heap.u32(error, 3);
        throwCcStatus({ status, a: detail[1], b: detail[2] }, tables);
      }
      return { indexes: heap.i32(indexes, n).slice(), reconstruction: heap.i32(reconstruction, n).slice() };
    });
  },
};
