import {
  checkRansDecodeInputs,
  escapedValue,
  escapeReader,
  type KernelConfig,
  LicoError,
  RANS_STATE_LOWER,
  RansDecode,
  readEscape,
  readRansStreamLayout,
  tableCount,
  tableIndexOutOfRange,
} from '@lico/core';
import { DECODE_LANE_WORDS } from '../programs/RansDecode.wgsl.js';
import { decodeLanes, startLanes } from '../rans-decode-lanes.js';
import { asWebGpuBackend } from '../webgpu-backend.js';

function corrupt(message: string): never {
  throw new LicoError('LICO_BITSTREAM_CORRUPT', `rANS stream: ${message}`);
}

/**
 * Lanes decode on the GPU, one invocation each; the CPU checks the header and the table indexes
 * before, and after, checks each lane's end state and resolves escapes in symbol order (the
 * escape section is one sequential bit stream).
 */
export const ransDecodeKernel: KernelConfig<typeof RansDecode> = {
  kernelName: RansDecode,
  backendName: 'webgpu',
  async run(inputs, _attrs, backend) {
    const gpu = asWebGpuBackend(backend);
    checkRansDecodeInputs(inputs);
    const { stream, indexes, tables } = inputs;
    const { starts, valueOffsets, precision } = tables;
    const n = indexes.length;
    const count = tableCount(tables);
    const layout = readRansStreamLayout(stream, { symbolCount: n, precision });
    // The GPU indexes its tables without bounds checks, so every index is checked here first.
    for (let i = 0; i < n; i++) {
      if (indexes[i] < 0 || indexes[i] >= count) tableIndexOutOfRange(i, indexes[i], count);
    }
    const lanes = startLanes(stream, layout);
    for (let lane = 0; lane < layout.laneCount; lane++) {
      const x = lanes[lane * DECODE_LANE_WORDS];
      if (x < RANS_STATE_LOWER || x >= 2 ** 31) corrupt(`lane ${lane} starts in an impossible state`);
    }

    const values = inputs.output ?? new Int32Array(n);
    const ranPastEnd = await decodeLanes(gpu, inputs, layout, lanes, values);
    if (ranPastEnd >= 0) corrupt(`lane ${ranPastEnd} runs past its end`);
    for (let lane = 0; lane < layout.laneCount; lane++) {
      const o = lane * DECODE_LANE_WORDS;
      if (lanes[o] !== RANS_STATE_LOWER || lanes[o + 1] !== lanes[o + 2]) {
        corrupt(`lane ${lane} does not end where it was coded`);
      }
    }

    // `values` holds table-relative symbols; turn them into values, escapes in symbol order.
    const bits = escapeReader(stream, layout);
    for (let i = 0; i < n; i++) {
      const t = indexes[i];
      const escapeSymbol = starts[t + 1] - starts[t] - 2;
      values[i] =
        values[i] === escapeSymbol
          ? escapedValue(readEscape(bits), valueOffsets[t], escapeSymbol)
          : values[i] + valueOffsets[t];
    }
    if (Math.ceil(bits.position / 8) !== layout.escapeEnd - layout.escapeStart) {
      corrupt('escape section has bytes no escape uses');
    }
    return values;
  },
};
