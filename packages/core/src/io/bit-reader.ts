import { LicoError } from '../errors.js';

/** Reads bits most-significant first; reading past the end throws `LICO_BITSTREAM_TRUNCATED`. */
export class BitReader {
  private bitPosition = 0;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly what = 'bit stream',
  ) {}

  get position(): number {
    return this.bitPosition;
  }

  readBit(): number {
    const byteIndex = this.bitPosition >>> 3;
    if (byteIndex >= this.bytes.length) {
      throw new LicoError('LICO_BITSTREAM_TRUNCATED', `${this.what} ends after ${this.bytes.length} byte(s)`);
    }
    const bit = (this.bytes[byteIndex] >>> (7 - (this.bitPosition & 7))) & 1;
    this.bitPosition++;
    return bit;
  }

  /** Reads `count` bits (0 <= count <= 32) as an unsigned number. */
  readBits(count: number): number {
    let value = 0;
    for (let i = 0; i < count; i++) value = value * 2 + this.readBit();
    return value;
  }
}
