import {
  checkRansEncodeInputs,
  effectiveLaneCount,
  type KernelConfig,
  RansEncode,
  tableCount,
  throwCcStatus,
  writeRansStream,
} from '@lico/core';
import type { WasmBackend } from '../base.js';
import { wasmTables } from '../prepared-tables.js';

// EncodeResult of cc/bindings/wasm/RansEncode.cc, in 32-bit words.
const STATUS = 0;
const LANES = 3;
const LANE_LENGTHS = 4;
const ESCAPES = 5;
const ESCAPE_LENGTH = 6;

export const ransEncodeKernel: KernelConfig<typeof RansEncode> = {
  kernelName: RansEncode,
  backendName: 'wasm',
  run(inputs, attrs, backend) {
    checkRansEncodeInputs(inputs, attrs);
    const { values, indexes, tables } = inputs;
    const { heap } = backend as WasmBackend;
    const n = values.length;
    const laneCount = effectiveLaneCount(attrs.lanes, n);
    const prepared = wasmTables(heap, tables);
    const pointers = [heap.copyIn(values), heap.copyIn(indexes)];
    const resultPointer = heap.using(
      pointers,
      () => heap.exports.lico_RansEncode(prepared, pointers[0], pointers[1], n, laneCount) >>> 0,
    );
    if (resultPointer === 0) throwCcStatus({ status: 9, a: 28, b: 0 }, 0);
    try {
      const result = Uint32Array.from(heap.u32(resultPointer, 7));
      if (result[STATUS] !== 0)
        throwCcStatus({ status: result[STATUS], a: result[1], b: result[2] }, tableCount(tables));
      const laneLengths = heap.u32(result[LANE_LENGTHS], laneCount);
      let total = 0;
      for (const length of laneLengths) total += length;
      const laneBytes = heap.u8(result[LANES], total).slice();
      const lanes: Uint8Array[] = [];
      let offset = 0;
      for (const length of laneLengths) {
        lanes.push(laneBytes.subarray(offset, offset + length));
        offset += length;
      }
      const escapes = heap.u8(result[ESCAPES], result[ESCAPE_LENGTH]).slice();
      return writeRansStream({ precision: tables.precision, symbolCount: n, lanes, escapes });
    } finally {
      heap.exports.lico_RansEncodeFree(resultPointer);
    }
  },
};
