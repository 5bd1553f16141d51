import { checkTcqAttrs, checkTcqQuantizeInputs, type KernelConfig, TcqQuantize, throwCcStatus } from '@lico/core';
import type { NativeBackend } from '../base.js';

export const tcqQuantizeKernel: KernelConfig<typeof TcqQuantize> = {
  kernelName: TcqQuantize,
  backendName: 'native',
  run({ latents, means, tableIndexes, rates }, attrs, backend) {
    checkTcqQuantizeInputs(latents, means, tableIndexes, rates);
    checkTcqAttrs(attrs);
    const { addon } = backend as NativeBackend;
    const result = addon.lico_TcqQuantize(
      latents,
      means,
      tableIndexes,
      rates.costs,
      rates.starts,
      rates.offsets,
      attrs.step,
      attrs.states,
      // A sequence never runs past the values; this also keeps the length within uint32.
      Math.max(1, Math.min(attrs.sequenceLength, latents.length)),
      attrs.bitCost,
    );
    if (result.status !== 0 || !result.indexes || !result.reconstruction) {
      throwCcStatus(result, (rates.starts.length - 1) / 2);
    }
    return { indexes: result.indexes, reconstruction: result.reconstruction };
  },
};
