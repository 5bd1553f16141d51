import {
  checkRansEncodeInputs,
  effectiveLaneCount,
  type KernelConfig,
  laneSymbolCount,
  RANS_STATE_LOWER,
  RansEncode,
  ransSymbolEntries,
  writeRansStream,
} from '@lico/core';

export const ransEncodeKernel: KernelConfig<typeof RansEncode> = {
  kernelName: RansEncode,
  backendName: 'js',
  run(inputs, attrs) {
    checkRansEncodeInputs(inputs, attrs);
    const { values, indexes, tables } = inputs;
    const { cdf, precision } = tables;
    const n = values.length;
    const total = 2 ** precision;
    // Forward pass in symbol order: the CDF entry of each value, escapes in stream order.
    const { entries, escapes } = ransSymbolEntries(values, indexes, tables);

    // Each lane is coded backwards into its own buffer; the decoder reads it forwards.
    const laneCount = effectiveLaneCount(attrs.lanes, n);
    const lanes: Uint8Array[] = [];
    for (let lane = 0; lane < laneCount; lane++) {
      const symbolsInLane = laneSymbolCount(n, laneCount, lane);
      const buffer = new Uint8Array(4 + 2 * symbolsInLane);
      let position = buffer.length;
      let x = RANS_STATE_LOWER;
      for (let k = symbolsInLane - 1; k >= 0; k--) {
        const entry = entries[lane + k * laneCount];
        const start = cdf[entry];
        const freq = cdf[entry + 1] - start;
        const limit = freq * 2 ** (31 - precision);
        while (x >= limit) {
          buffer[--position] = x & 0xff;
          x >>>= 8;
        }
        x = Math.floor(x / freq) * total + (x % freq) + start;
      }
      position -= 4;
      buffer[position] = x & 0xff;
      buffer[position + 1] = (x >>> 8) & 0xff;
      buffer[position + 2] = (x >>> 16) & 0xff;
      buffer[position + 3] = x >>> 24;
      lanes.push(buffer.subarray(position));
    }
    return writeRansStream({ precision, symbolCount: n, lanes, escapes });
  },
};
