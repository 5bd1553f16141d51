/** A growable little-endian byte sink. */
export class ByteWriter {
  private buffer: Uint8Array;
  private length = 0;

  constructor(initialCapacity = 256) {
    this.buffer = new Uint8Array(Math.max(16, initialCapacity));
  }

  get size(): number {
    return this.length;
  }

  private reserve(extra: number): void {
    if (this.length + extra <= this.buffer.length) return;
    let capacity = this.buffer.length * 2;
    while (capacity < this.length + extra) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.buffer.subarray(0, this.length));
    this.buffer = grown;
  }

  writeU8(value: number): void {
    this.reserve(1);
    this.buffer[this.length++] = value & 0xff;
  }

  writeU16(value: number): void {
    this.reserve(2);
    this.buffer[this.length++] = value & 0xff;
    this.buffer[this.length++] = (value >>> 8) & 0xff;
  }

  writeU32(value: number): void {
    this.reserve(4);
    for (let i = 0; i < 4; i++) this.buffer[this.length++] = (value >>> (8 * i)) & 0xff;
  }

  /** Unsigned LEB128, for integers up to 2^53 - 1. */
  writeVarUint(value: number): void {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new RangeError(`writeVarUint needs a safe non-negative integer; got ${value}`);
    }
    let v = value;
    while (v >= 0x80) {
      this.writeU8((v % 0x80) | 0x80);
      v = Math.floor(v / 0x80);
    }
    this.writeU8(v);
  }

  writeBytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    this.buffer.set(bytes, this.length);
    this.length += bytes.length;
  }

  /** The bytes written so far (a copy that owns its memory). */
  finish(): Uint8Array {
    return this.buffer.slice(0, this.length);
  }
}
