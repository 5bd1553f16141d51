import {
  BitWriter,
  checkRansEncodeInputs,
  effectiveLaneCount,
  escapeCode,
  type KernelConfig,
  laneSymbolCount,
  RANS_STATE_LOWER,
  RansEncode,
  tableCount,
  tableIndexOutOfRange,
  writeEscape,
  writeRansStream,
} from '@lico/core';

export const ransEncodeKernel: KernelConfig<typeof RansEncode> = {
  kernelName: RansEncode,
  backendName: 'js',
  run(inputs, attrs) {
    checkRansEncodeInputs(inputs, attrs);
    const { values, indexes, tables } = inputs;
    const { cdf, starts, valueOffsets, precision } = tables;
    const n = values.length;
    const count = tableCount(tables);
    const total = 2 ** precision;

    // Forward pass in symbol order: table symbol of each value, escapes in stream order.
    const symbols = new Int32Array(n);
    const escapes = new BitWriter();
    for (let i = 0; i < n; i++) {
      const t = indexes[i];
      if (t < 0 || t >= count) tableIndexOutOfRange(i, t, count);
      const escapeSymbol = starts[t + 1] - starts[t] - 2;
      const s = values[i] - valueOffsets[t];
      if (s >= 0 && s < escapeSymbol) {
        symbols[i] = s;
      } else {
        symbols[i] = escapeSymbol;
        writeEscape(escapes, escapeCode(values[i], valueOffsets[t], escapeSymbol));
      }
    }

    // Each lane is coded backwards into its own buffer; the decoder reads it forwards.
    const laneCount = effectiveLaneCount(attrs.lanes, n);
    const lanes: Uint8Array[] = [];
    for (let lane = 0; lane < laneCount; lane++) {
      const symbolsInLane = laneSymbolCount(n, laneCount, lane);
      const buffer = new Uint8Array(4 + 2 * symbolsInLane);
      let position = buffer.length;
      let x = RANS_STATE_LOWER;
      for (let k = symbolsInLane - 1; k >= 0; k--) {
        const i = lane + k * laneCount;
        const base = starts[indexes[i]] + symbols[i];
        const start = cdf[base];
        const freq = cdf[base + 1] - start;
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
    return writeRansStream({ precision, symbolCount: n, lanes, escapes: escapes.finish() });
  },
};
