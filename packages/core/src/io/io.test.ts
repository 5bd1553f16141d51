import { describe, expect, test } from 'vitest';
import { seededRandom } from '../random.js';
import { BitReader } from './bit-reader.js';
import { BitWriter } from './bit-writer.js';
import { ByteReader } from './byte-reader.js';
import { ByteWriter } from './byte-writer.js';

describe('ByteWriter / ByteReader', () => {
  test('round-trip integers and LEB128 varints up to 2^53 - 1', () => {
    const writer = new ByteWriter(1);
    const varints = [0, 1, 127, 128, 300, 2 ** 31, 2 ** 53 - 1];
    writer.writeU8(0xab);
    writer.writeU16(0xbeef);
    writer.writeU32(0xdeadbeef);
    for (const v of varints) writer.writeVarUint(v);
    const reader = new ByteReader(writer.finish());
    expect(reader.readU8()).toBe(0xab);
    expect(reader.readU16()).toBe(0xbeef);
    expect(reader.readU32()).toBe(0xdeadbeef);
    expect(varints.map(() => reader.readVarUint())).toEqual(varints);
    expect(reader.remaining).toBe(0);
  });

  test('reading past the end is LICO_BITSTREAM_TRUNCATED; an endless varint is corrupt', () => {
    expect(() => new ByteReader(new Uint8Array(3)).readU32('lane state')).toThrow(
      expect.objectContaining({ code: 'LICO_BITSTREAM_TRUNCATED', message: expect.stringContaining('lane state') }),
    );
    expect(() => new ByteReader(new Uint8Array(12).fill(0xff)).readVarUint()).toThrow(
      expect.objectContaining({ code: 'LICO_BITSTREAM_CORRUPT' }),
    );
  });
});

describe('BitWriter / BitReader', () => {
  test('round-trip random bit fields most significant bit first', () => {
    const random = seededRandom(5);
    const fields = Array.from({ length: 2000 }, () => {
      const count = Math.floor(random() * 33);
      return { count, value: count === 0 ? 0 : Math.floor(random() * 2 ** count) };
    });
    const writer = new BitWriter();
    for (const f of fields) writer.writeBits(f.value, f.count);
    const bits = writer.bitLength;
    const bytes = writer.finish();
    expect(bytes.length).toBe(Math.ceil(bits / 8));
    const reader = new BitReader(bytes);
    for (const f of fields) expect(reader.readBits(f.count)).toBe(f.value);
    expect(() => reader.readBits(9)).toThrow(expect.objectContaining({ code: 'LICO_BITSTREAM_TRUNCATED' }));
  });

  test('writes 0b101 as 0xA0', () => {
    const writer = new BitWriter();
    writer.writeBits(0b101, 3);
    expect(Array.from(writer.finish())).toEqual([0xa0]);
  });
});
