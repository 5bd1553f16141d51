/** Writes bits most-significant first; the last byte is padded with zero bits. */
export class BitWriter {
  private bytes: Uint8Array = new Uint8Array(64);
  private byteLength = 0;
  private accumulator = 0;
  private pending = 0;

  /** Bits written so far. */
  get bitLength(): number {
    return this.byteLength * 8 + this.pending;
  }

  /** Writes the low `count` bits of `value` (0 <= count <= 32). */
  writeBits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) {
      this.accumulator = (this.accumulator << 1) | ((value >>> i) & 1);
      if (++this.pending === 8) this.flushByte();
    }
  }

  private flushByte(): void {
    if (this.byteLength === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.byteLength++] = this.accumulator & 0xff;
    this.accumulator = 0;
    this.pending = 0;
  }

  finish(): Uint8Array {
    if (this.pending > 0) {
      this.accumulator <<= 8 - this.pending;
      this.pending = 7;
      this.flushByte();
    }
    return this.bytes.slice(0, this.byteLength);
  }
}
