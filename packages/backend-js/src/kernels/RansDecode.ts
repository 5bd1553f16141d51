import {
  checkRansDecodeInputs,
  escapedValue,
  escapeReader,
  type KernelConfig,
  LicoError,
  laneSymbolCount,
  RANS_STATE_LOWER,
  RansDecode,
  readEscape,
  readRansStreamLayout,
  tableCount,
  tableIndexOutOfRange,
} from '@lico/core';

function corrupt(message: string): never {
  throw new LicoError('LICO_BITSTREAM_CORRUPT', `rANS stream: ${message}`);
}

export const ransDecodeKernel: KernelConfig<typeof RansDecode> = {
  kernelName: RansDecode,
  backendName: 'js',
  run(inputs) {
    checkRansDecodeInputs(inputs);
    const { stream, indexes, tables } = inputs;
    const { cdf, starts, valueOffsets, precision } = tables;
    const n = indexes.length;
    const count = tableCount(tables);
    const layout = readRansStreamLayout(stream, { symbolCount: n, precision });
    const mask = 2 ** precision - 1;
    const values = new Int32Array(n);
    const escaped: number[] = [];

    for (let lane = 0; lane < layout.laneCount; lane++) {
      let position = layout.laneStarts[lane];
      const end = layout.laneStarts[lane + 1];
      let x =
        (stream[position] | (stream[position + 1] << 8) | (stream[position + 2] << 16) | (stream[position + 3] << 24)) >>>
        0;
      position += 4;
      if (x < RANS_STATE_LOWER || x >= 2 ** 31) corrupt(`lane ${lane} starts in an impossible state`);
      const symbolsInLane = laneSymbolCount(n, layout.laneCount, lane);
      for (let k = 0; k < symbolsInLane; k++) {
        const i = lane + k * layout.laneCount;
        const t = indexes[i];
        if (t < 0 || t >= count) tableIndexOutOfRange(i, t, count);
        const slot = x & mask;
        // Binary search for the symbol s with cdf[s] <= slot < cdf[s + 1].
        let low = starts[t];
        let high = starts[t + 1] - 1;
        while (high - low > 1) {
          const middle = (low + high) >>> 1;
          if (cdf[middle] <= slot) low = middle;
          else high = middle;
        }
        const start = cdf[low];
        x = (cdf[low + 1] - start) * Math.floor(x / 2 ** precision) + slot - start;
        while (x < RANS_STATE_LOWER) {
          if (position >= end) corrupt(`lane ${lane} runs past its end`);
          x = x * 256 + stream[position++];
        }
        const s = low - starts[t];
        if (s === starts[t + 1] - starts[t] - 2) escaped.push(i);
        else values[i] = s + valueOffsets[t];
      }
      if (x !== RANS_STATE_LOWER || position !== end) corrupt(`lane ${lane} does not end where it was coded`);
    }

    escaped.sort((a, b) => a - b);
    const bits = escapeReader(stream, layout);
    for (const i of escaped) {
      const t = indexes[i];
      values[i] = escapedValue(readEscape(bits), valueOffsets[t], starts[t + 1] - starts[t] - 2);
    }
    if (Math.ceil(bits.position / 8) !== layout.escapeEnd - layout.escapeStart) {
      corrupt('escape section has bytes no escape uses');
    }
    return values;
  },
};
