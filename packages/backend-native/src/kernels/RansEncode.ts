import {
  checkRansEncodeInputs,
  effectiveLaneCount,
  type KernelConfig,
  RansEncode,
  tableCount,
  throwCcStatus,
  writeRansStream,
} from '@lico/core';
import type { NativeBackend } from '../base.js';
import { nativeTables } from '../prepared-tables.js';

export const ransEncodeKernel: KernelConfig<typeof RansEncode> = {
  kernelName: RansEncode,
  backendName: 'native',
  run(inputs, attrs, backend) {
    checkRansEncodeInputs(inputs, attrs);
    const { values, indexes, tables } = inputs;
    const { addon } = backend as NativeBackend;
    const laneCount = effectiveLaneCount(attrs.lanes, values.length);
    const result = addon.lico_RansEncode(nativeTables(addon, tables), values, indexes, laneCount);
    if (result.status !== 0 || !result.lanes || !result.laneLengths || !result.escapes) {
      throwCcStatus(result, tableCount(tables));
    }
    const lanes: Uint8Array[] = [];
    let offset = 0;
    for (const length of result.laneLengths) {
      lanes.push(result.lanes.subarray(offset, offset + length));
      offset += length;
    }
    return writeRansStream({ precision: tables.precision, symbolCount: values.length, lanes, escapes: result.escapes });
  },
};
