import {
  checkRansDecodeInputs,
  escapedValue,
  escapeReader,
  type KernelConfig,
  LicoError,
  laneSymbolCount,
  RansDecode,
  RansLaneDecoder,
  readEscape,
  readRansStreamLayout,
  tableCount,
  tableIndexOutOfRange,
} from '@lico/core';

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
    const values = inputs.output ?? new Int32Array(n);
    const escaped: number[] = [];

    for (let lane = 0; lane < layout.laneCount; lane++) {
      const decoder = new RansLaneDecoder(stream, layout.laneStarts[lane], layout.laneStarts[lane + 1], lane);
      const symbolsInLane = laneSymbolCount(n, layout.laneCount, lane);
      for (let k = 0; k < symbolsInLane; k++) {
        const i = lane + k * layout.laneCount;
        const t = indexes[i];
        if (t < 0 || t >= count) tableIndexOutOfRange(i, t, count);
        const s = decoder.decode(cdf, starts[t], starts[t + 1], precision);
        if (s === starts[t + 1] - starts[t] - 2) escaped.push(i);
        else values[i] = s + valueOffsets[t];
      }
      decoder.finish();
    }

    // Escapes are stored in symbol order, lanes were decoded lane by lane.
    escaped.sort((a, b) => a - b);
    const bits = escapeReader(stream, layout);
    for (const i of escaped) {
      const t = indexes[i];
      values[i] = escapedValue(readEscape(bits), valueOffsets[t], starts[t + 1] - starts[t] - 2);
    }
    if (Math.ceil(bits.position / 8) !== layout.escapeEnd - layout.escapeStart) {
      throw new LicoError('LICO_BITSTREAM_CORRUPT', 'rANS stream: escape section has bytes no escape uses');
    }
    return values;
  },
};
