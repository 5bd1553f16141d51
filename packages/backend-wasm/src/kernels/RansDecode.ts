import {
  checkRansDecodeInputs,
  type KernelConfig,
  RansDecode,
  readRansStreamLayout,
  tableCount,
  throwCcStatus,
} from '@lico/core';
import type { WasmBackend } from '../base.js';
import { wasmTables } from '../prepared-tables.js';

// The lane loop reads whole words past a lane's last byte (kRansStreamPadding in RansDecode.h).
const STREAM_PADDING = 8;

export const ransDecodeKernel: KernelConfig<typeof RansDecode> = {
  kernelName: RansDecode,
  backendName: 'wasm',
  run(inputs, _attrs, backend) {
    checkRansDecodeInputs(inputs);
    const { stream, indexes, tables } = inputs;
    const { heap } = backend as WasmBackend;
    const n = indexes.length;
    const layout = readRansStreamLayout(stream, { symbolCount: n, precision: tables.precision });
    const prepared = wasmTables(heap, tables);
    const pointers = [
      heap.copyIn(stream, STREAM_PADDING),
      heap.copyIn(layout.laneStarts),
      heap.copyIn(indexes),
      heap.alloc(n * 4),
      heap.alloc(12),
    ];
    const [streamPointer, laneStarts, indexPointer, values, error] = pointers;
    return heap.using(pointers, () => {
      const status = heap.exports.lico_RansDecode(
        prepared,
        streamPointer,
        laneStarts,
        layout.laneCount,
        layout.escapeStart,
        layout.escapeEnd,
        indexPointer,
        n,
        values,
        error,
      );
      if (status !== 0) {
        const detail = heap.u32(error, 3);
        throwCcStatus({ status, a: detail[1], b: detail[2] }, tableCount(tables));
      }
      if (!inputs.output) return heap.i32(values, n).slice();
      inputs.output.set(heap.i32(values, n));
      return inputs.output;
    });
  },
};
