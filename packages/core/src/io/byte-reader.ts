import { LicoError } from '../errors.js';

/**
 * A bounds-checked little-endian reader. Every read past the end throws
 * `LICO_BITSTREAM_TRUNCATED` naming what was being read.
 */
export class ByteReader {
  private offset = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what = 'stream',
  ) {}

  get position(): number {
    return this.offset;
  }

  get remaining(): number {
    return this.bytes.length - this.offset;
  }

  private need(count: number, field: string): void {
    if (this.offset + count > this.bytes.length) {
      throw new LicoError(
        'LICO_BITSTREAM_TRUNCATED',
        `${this.what} ends at byte ${this.bytes.length} while reading ${field} (needs ${count} byte(s) at ${this.offset})`,
      );
    }
  }

  readU8(field = 'u8'): number {
    this.need(1, field);
    return this.bytes[this.offset++];
  }

  readU16(field = 'u16'): number {
    this.need(2, field);
    const v = this.bytes[this.offset] | (this.bytes[this.offset + 1] << 8);
    this.offset += 2;
    return v;
  }

  readU32(field = 'u32'): number {
    this.need(4, field);
    const b = this.bytes;
    const o = this.offset;
    this.offset += 4;
    return (b[o] | (b[o + 1] << 8) | (b[o + 2] << 16) | (b[o + 3] << 24)) >>> 0;
  }

  /** Unsigned LEB128; more than 8 bytes (2^56) is corrupt. */
  readVarUint(field = 'varint'): number {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 8; i++) {
      const byte = this.readU8(field);
      value += (byte & 0x7f) * scale;
      if ((byte & 0x80) === 0) return value;
      scale *= 0x80;
    }
    throw new LicoError('LICO_BITSTREAM_CORRUPT', `${this.what}: ${field} is a varint longer than 8 bytes`);
  }

  readBytes(count: number, field = 'bytes'): Uint8Array {
    this.need(count, field);
    const out = this.bytes.subarray(this.offset, this.offset + count);
    this.offset += count;
    return out;
  }
}
