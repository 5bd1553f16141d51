import { describe, expect, test } from 'vitest';
import { BitWriter } from './io/bit-writer.js';
import { ByteWriter } from './io/byte-writer.js';
import {
  escapeCode,
  escapedValue,
  escapeReader,
  readEscape,
  readRansStreamLayout,
  writeEscape,
  writeRansStream,
} from './rans-stream.js';

describe('escape codes', () => {
  test('map values below and above a table to distinct codes and back, int32 extremes included', () => {
    const offset = -3;
    const escapeSymbol = 7;
    const values = [-4, -5, -100, 4, 5, 1000, -(2 ** 31), 2 ** 31 - 1];
    const codes = values.map((v) => escapeCode(v, offset, escapeSymbol));
    expect(codes.slice(0, 5)).toEqual([0, 2, 192, 1, 3]);
    expect(new Set(codes).size).toBe(values.length);
    expect(codes.map((c) => escapedValue(c, offset, escapeSymbol))).toEqual(values);
  });

  test('Exp-Golomb round trip up to 2^33, and a value outside int32 is corrupt', () => {
    const codes = [0, 1, 2, 3, 6, 7, 254, 255, 2 ** 31, 2 ** 32 - 2, 2 ** 32 - 1, 2 ** 32, 2 ** 33 + 5];
    const bits = new BitWriter();
    for (const c of codes) writeEscape(bits, c);
    const stream = writeRansStream({
      precision: 16,
      symbolCount: 0,
      lanes: [new Uint8Array(4)],
      escapes: bits.finish(),
    });
    const layout = readRansStreamLayout(stream, { symbolCount: 0, precision: 16 });
    const reader = escapeReader(stream, layout);
    expect(codes.map(() => readEscape(reader))).toEqual(codes);
    expect(() => escapedValue(2 ** 33 + 5, 0, 1)).toThrow(expect.objectContaining({ code: 'LICO_BITSTREAM_CORRUPT' }));
  });
});

describe('readRansStreamLayout rejects forged headers before decoding', () => {
  const header = (fields: number[], payload = 0) => {
    const w = new ByteWriter();
    w.writeU8(fields[0]);
    w.writeU8(fields[1]);
    for (const f of fields.slice(2)) w.writeVarUint(f);
    w.writeBytes(new Uint8Array(payload));
    return w.finish();
  };
  const expected = { symbolCount: 100, precision: 16 };
  const cases: [string, Uint8Array, string][] = [
    ['version 2', header([2, 16, 100, 1, 0, 4], 4), 'LICO_UNSUPPORTED_VERSION'],
    ['other precision', header([1, 12, 100, 1, 0, 4], 4), 'LICO_BITSTREAM_CORRUPT'],
    ['other symbol count', header([1, 16, 101, 1, 0, 4], 4), 'LICO_BITSTREAM_CORRUPT'],
    ['more lanes than symbols', header([1, 16, 100, 101, 0], 0), 'LICO_BITSTREAM_CORRUPT'],
    ['2^50 lanes', header([1, 16, 100, 2 ** 50, 0], 0), 'LICO_BITSTREAM_CORRUPT'],
    ['a lane longer than possible', header([1, 16, 100, 1, 0, 205], 205), 'LICO_BITSTREAM_CORRUPT'],
    ['a lane shorter than its state', header([1, 16, 100, 1, 0, 3], 3), 'LICO_BITSTREAM_CORRUPT'],
    ['lengths past the end', header([1, 16, 100, 1, 0, 40], 10), 'LICO_BITSTREAM_TRUNCATED'],
    ['a huge escape section', header([1, 16, 100, 1, 2 ** 40, 4], 4), 'LICO_BITSTREAM_TRUNCATED'],
    ['bytes after the end', header([1, 16, 100, 1, 0, 4], 9), 'LICO_BITSTREAM_CORRUPT'],
    ['nothing at all', new Uint8Array(0), 'LICO_BITSTREAM_TRUNCATED'],
  ];
  test.each(cases)('%s', (_, stream, code) => {
    expect(() => readRansStreamLayout(stream, expected)).toThrow(expect.objectContaining({ code }));
  });
});
