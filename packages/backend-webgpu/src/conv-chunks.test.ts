import { describe, expect, test } from 'vitest';
import { type ConvChunk, convChunks } from './conv-chunks.js';

const roomy = { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28, maxComputeWorkgroupsPerDimension: 65535 };
// 10 blocks of 4 channels, 100 positions each.
const shape = {
  kernelName: 'IntConv2d',
  blocks: 10,
  blockChannels: 4,
  plane: 100,
  channelWeights: 50,
  inputValues: 1000,
  workgroupSize: 64,
};
/** Every (block, position) once, in order. */
const covered = (chunks: ConvChunk[]) => {
  const seen: string[] = [];
  for (const c of chunks) {
    for (let b = c.firstBlock; b < c.firstBlock + c.blocks; b++) {
      for (let p = c.firstPosition; p < c.firstPosition + c.positions; p++) seen.push(`${b}:${p}`);
    }
  }
  const all = Array.from({ length: shape.blocks * shape.plane }, (_, k) => `${Math.floor(k / 100)}:${k % 100}`);
  return seen.join() === all.join();
};

describe('convChunks [webgpu]', () => {
  test('cuts whole blocks while one fits', () => {
    // 1400 values: 350 invocations, 3 blocks of 100 positions.
    const chunks = convChunks(shape, 1400, roomy);
    expect(chunks[0]).toEqual({ firstBlock: 0, blocks: 3, firstPosition: 0, positions: 100 });
    expect(chunks.at(-1)).toEqual({ firstBlock: 9, blocks: 1, firstPosition: 0, positions: 100 });
    expect(covered(chunks)).toBe(true);
  });

  test("cuts a block's plane when it does not fit", () => {
    const chunks = convChunks(shape, 120, roomy);
    expect(chunks.slice(0, 5)).toEqual([
      { firstBlock: 0, blocks: 1, firstPosition: 0, positions: 30 },
      { firstBlock: 0, blocks: 1, firstPosition: 30, positions: 30 },
      { firstBlock: 0, blocks: 1, firstPosition: 60, positions: 30 },
      { firstBlock: 0, blocks: 1, firstPosition: 90, positions: 10 },
      { firstBlock: 1, blocks: 1, firstPosition: 0, positions: 30 },
    ]);
    expect(covered(chunks)).toBe(true);
    expect(convChunks(shape, 1, roomy)[0].positions).toBe(1);
  });

  test('respects weight, buffer and workgroup limits', () => {
    // Weights: 800 bytes a block; outputs: 16 bytes an invocation.
    const small = { ...roomy, maxStorageBufferBindingSize: 2 * 800 + 8 };
    expect(convChunks({ ...shape, plane: 10, inputValues: 100 }, 1 << 22, small)[0].blocks).toBe(2);
    const fewGroups = { ...roomy, maxComputeWorkgroupsPerDimension: 2 };
    expect(convChunks(shape, 1 << 22, fewGroups)[0]).toEqual({
      firstBlock: 0,
      blocks: 1,
      firstPosition: 0,
      positions: 100,
    });
    expect(convChunks({ ...shape, workgroupSize: 32 }, 1 << 22, fewGroups)[0].positions).toBe(64);
  });

  test('rejects an input or a block of weights larger than a buffer', () => {
    const tiny = { ...roomy, maxBufferSize: 1000 };
    const limit = expect.objectContaining({ code: 'LICO_LIMIT_EXCEEDED' });
    expect(() => convChunks(shape, 1 << 22, tiny)).toThrow(limit);
    expect(() => convChunks({ ...shape, inputValues: 10, channelWeights: 70 }, 1 << 22, tiny)).toThrow(limit);
  });
});
