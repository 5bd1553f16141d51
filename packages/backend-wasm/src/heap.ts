import { LicoError } from '@lico/core';
import type { LicoWasmExports } from './module.js';

type Typed = Uint8Array | Int32Array | Uint32Array;

/**
 * Buffers in the module's memory. Views are made afresh for every access because any
 * allocation may grow the memory, which detaches the old ArrayBuffer.
 */
export class WasmHeap {
  constructor(readonly exports: LicoWasmExports) {}

  /** Allocates `bytes` (16-byte aligned); `LICO_LIMIT_EXCEEDED` when the memory cannot grow. */
  alloc(bytes: number): number {
    const pointer = this.exports.lico_alloc(bytes) >>> 0;
    if (pointer === 0) {
      throw new LicoError(
        'LICO_LIMIT_EXCEEDED',
        `wasm memory could not grow by ${bytes} bytes (wasm32 has 4 GiB at most)`,
      );
    }
    return pointer;
  }

  free(pointer: number): void {
    this.exports.lico_free(pointer);
  }

  /** Copies `array` in, with `padding` spare bytes after it; returns its pointer. */
  copyIn(array: Typed, padding = 0): number {
    const pointer = this.alloc(array.byteLength + padding);
    this.u8(pointer, array.byteLength).set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength));
    return pointer;
  }

  /** Like {@link copyIn}, but 0 (a null pointer to the C++) for an absent array. */
  copyInOptional(array: Typed | undefined): number {
    return array ? this.copyIn(array) : 0;
  }

  u8(pointer: number, length: number): Uint8Array {
    return new Uint8Array(this.exports.memory.buffer, pointer, length);
  }

  u32(pointer: number, length: number): Uint32Array {
    return new Uint32Array(this.exports.memory.buffer, pointer, length);
  }

  i32(pointer: number, length: number): Int32Array {
    return new Int32Array(this.exports.memory.buffer, pointer, length);
  }

  /** Runs `body` with the given pointers and frees them afterwards, whatever happens. */
  using<T>(pointers: number[], body: () => T): T {
    try {
      return body();
    } finally {
      for (const pointer of pointers) this.free(pointer);
    }
  }
}
