import { isLicoError } from '@lico/core';
import { describe, expect, test } from 'vitest';
import { crop, floatTensor, padToMultiple } from '../index.js';

const rows = (t: { data: Float32Array; dims: readonly number[] }) =>
  Array.from({ length: t.dims[2] }, (_, i) => [...t.data.slice(i * t.dims[3], (i + 1) * t.dims[3])]);

describe('padToMultiple and crop', () => {
  const x = floatTensor(Float32Array.of(1, 2, 3, 4, 5, 6), [1, 1, 2, 3]);

  test('replicate repeats the last row and column', () => {
    expect(rows(padToMultiple(x, 4, 'replicate'))).toEqual([
      [1, 2, 3, 3],
      [4, 5, 6, 6],
      [4, 5, 6, 6],
      [4, 5, 6, 6],
    ]);
  });

  test('reflect mirrors without repeating the edge, folding back when the padding is longer than the image', () => {
    expect(rows(padToMultiple(x, 4, 'reflect'))).toEqual([
      [1, 2, 3, 2],
      [4, 5, 6, 5],
      [1, 2, 3, 2],
      [4, 5, 6, 5],
    ]);
    const line = floatTensor(Float32Array.of(1, 2, 3), [1, 1, 1, 3]);
    expect(rows(padToMultiple(line, 8, 'reflect'))).toEqual(new Array(8).fill([1, 2, 3, 2, 1, 2, 3, 2]));
  });

  test('pads every plane of a batch, and is the identity at a multiple', () => {
    const batch = floatTensor(
      Float32Array.from({ length: 12 }, (_, i) => i),
      [2, 2, 1, 3],
    );
    const padded = padToMultiple(batch, 2);
    expect(padded.dims).toEqual([2, 2, 2, 4]);
    expect([...padded.data.slice(24, 32)]).toEqual([9, 10, 11, 11, 9, 10, 11, 11]);
    expect(padToMultiple(padded, 2)).toBe(padded);
  });

  test('crop undoes the padding', () => {
    expect(crop(padToMultiple(x, 16, 'reflect'), 2, 3).data).toEqual(x.data);
  });

  test('bad arguments throw LICO_INVALID_ARGUMENT', () => {
    for (const fn of [
      () => padToMultiple(x, 0),
      () => padToMultiple(x, 2, 'circular' as 'reflect'),
      () => crop(x, 3, 3),
      () => crop(x, 1, 1, 2, 0),
    ]) {
      expect(() => fn()).toThrow();
      try {
        fn();
      } catch (error) {
        expect(isLicoError(error, 'LICO_INVALID_ARGUMENT')).toBe(true);
      }
    }
  });
});
