import {
  checkRansDecodeInputs,
  type KernelConfig,
  RansDecode,
  readRansStreamLayout,
  tableCount,
  throwCcStatus,
} from '@lico/core';
import type { NativeBackend } from '../base.js';
import { nativeTables } from '../prepared-tables.js';

export const ransDecodeKernel: KernelConfig<typeof RansDecode> = {
  kernelName: RansDecode,
  backendName: 'native',
  run(inputs, _attrs, backend) {
    checkRansDecodeInputs(inputs);
    const { stream, indexes, tables } = inputs;
    const { addon } = backend as NativeBackend;
    const layout = readRansStreamLayout(stream, { symbolCount: indexes.length, precision: tables.precision });
    const result = addon.lico_RansDecode(
      nativeTables(addon, tables),
      stream,
      layout.laneStarts,
      layout.escapeStart,
      layout.escapeEnd,
      indexes,
      inputs.output,
    );
    if (result.status !== 0 || !result.values) throwCcStatus(result, tableCount(tables));
    return result.values;
  },
};
