import { checkPmfToQuantizedCdfInputs, type KernelConfig, PmfToQuantizedCdf, throwCcStatus } from '@lico/core';
import type { WasmBackend } from '../base.js';

export const pmfToQuantizedCdfKernel: KernelConfig<typeof PmfToQuantizedCdf> = {
  kernelName: PmfToQuantizedCdf,
  backendName: 'wasm',
  run(inputs, attrs, backend) {
    checkPmfToQuantizedCdfInputs(inputs, attrs);
    const { heap } = backend as WasmBackend;
    const { pmf, starts } = inputs;
    const tables = starts.length - 1;
    const length = pmf.length + tables;
    const pointers = [heap.copyIn(pmf), heap.copyIn(starts), heap.alloc(length * 4)];
    return heap.using(pointers, () => {
      const status = heap.exports.lico_PmfToQuantizedCdf(
        pointers[0],
        pointers[1],
        tables,
        attrs.precision,
        pointers[2],
      );
      if (status !== 0) throwCcStatus({ status, a: length * 4, b: 0 }, tables);
      return heap.u32(pointers[2], length).slice();
    });
  },
};
