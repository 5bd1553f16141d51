import { describe, expect, test } from 'vitest';
import { chunkSymbols, laneStepsIn, stepChunks } from './rans-chunks.js';

const roomy = { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28 } as GPUSupportedLimits;

describe('stepChunks [webgpu]', () => {
  test('covers every step once, each chunk within the symbol cap', () => {
    const chunks = stepChunks(100_003, 7, 1000, roomy);
    expect(chunks[0]).toEqual({ firstStep: 0, stepCount: 142 });
    let next = 0;
    for (const chunk of chunks) {
      expect(chunk.firstStep).toBe(next);
      expect(chunk.stepCount * 7).toBeLessThanOrEqual(1000);
      next += chunk.stepCount;
    }
    expect(next).toBe(Math.ceil(100_003 / 7));
    expect(chunkSymbols(chunks[chunks.length - 1], 7, 100_003)[1]).toBe(100_003);
  });

  test('keeps 4-byte-per-symbol buffers within the device limits', () => {
    const tight = { maxStorageBufferBindingSize: 4096, maxBufferSize: 2 ** 28 } as GPUSupportedLimits;
    for (const chunk of stepChunks(50_000, 16, 1 << 22, tight))
      expect(4 * 16 * chunk.stepCount).toBeLessThanOrEqual(4096);
  });

  test('holds at least one step, even with more lanes than the cap', () => {
    expect(stepChunks(10_000, 4096, 100, roomy)[0].stepCount).toBe(1);
    expect(stepChunks(0, 1, 100, roomy)).toEqual([]);
  });

  test('counts the symbols each lane has in a chunk', () => {
    const chunk = { firstStep: 2, stepCount: 3 };
    // 17 symbols in 5 lanes: lanes 0 and 1 have 4 symbols, lanes 2-4 have 3.
    expect([0, 1, 2, 3, 4].map((lane) => laneStepsIn(chunk, lane, 5, 17))).toEqual([2, 2, 1, 1, 1]);
  });
});
