import { describe, expect, test } from 'vitest';
import { dispatchChunks, valueChunks } from './value-chunks.js';

const roomy = { maxStorageBufferBindingSize: 2 ** 27, maxBufferSize: 2 ** 28, maxComputeWorkgroupsPerDimension: 65535 };
const shape = { kernelName: 'TcqQuantize', valueCount: 10_000, unitValues: 97, bytesPerValue: 32, workgroupSize: 32 };

describe('dispatchChunks [webgpu]', () => {
  test('cuts whole units and covers every value once', () => {
    expect(valueChunks(10, 3, 2)).toEqual([
      { first: 0, count: 6 },
      { first: 6, count: 4 },
    ]);
    const chunks = dispatchChunks(shape, 1000, roomy);
    expect(chunks[0]).toEqual({ first: 0, count: 970 });
    expect(chunks.every((c) => c.first % 97 === 0)).toBe(true);
    expect(chunks.reduce((sum, c) => sum + c.count, 0)).toBe(10_000);
  });

  test('keeps at least one unit when the cap is below a unit', () => {
    expect(dispatchChunks(shape, 10, roomy)[0]).toEqual({ first: 0, count: 97 });
  });

  test('respects buffer and workgroup limits', () => {
    const small = { ...roomy, maxStorageBufferBindingSize: 97 * 32 * 3 };
    expect(dispatchChunks(shape, 1 << 22, small)[0].count).toBe(3 * 97);
    const fewGroups = { ...roomy, maxComputeWorkgroupsPerDimension: 2 };
    const elementwise = { ...shape, unitValues: 1, bytesPerValue: 8, workgroupSize: 64 };
    expect(dispatchChunks(elementwise, 1 << 22, fewGroups)[0].count).toBe(128);
  });

  test('rejects a unit larger than a buffer', () => {
    const tiny = { ...roomy, maxBufferSize: 1024 };
    expect(() => dispatchChunks(shape, 1 << 22, tiny)).toThrow(
      expect.objectContaining({ code: 'LICO_LIMIT_EXCEEDED' }),
    );
  });
});
