import {
  checkScalarQuantizeInputs,
  checkTcqAttrs,
  type KernelConfig,
  TCQ_TRANSITIONS,
  TcqDequantize,
  tcqQuantizerOf,
} from '@lico/core';
import { tcqLevel } from './tcq-levels.js';

export const tcqDequantizeKernel: KernelConfig<typeof TcqDequantize> = {
  kernelName: TcqDequantize,
  backendName: 'js',
  run({ indexes, means }, attrs) {
    checkScalarQuantizeInputs(indexes, means, attrs, 'indexes');
    checkTcqAttrs(attrs);
    const { step, states, sequenceLength } = attrs;
    const transitions = TCQ_TRANSITIONS[states];
    const out = new Int32Array(indexes.length);
    let state = 0;
    for (let i = 0; i < indexes.length; i++) {
      if (i % sequenceLength === 0) state = 0;
      const k = indexes[i];
      out[i] = tcqLevel(k, tcqQuantizerOf(states, state), step) + (means ? means[i] : 0);
      state = transitions[state][k & 1];
    }
    return out;
  },
};
