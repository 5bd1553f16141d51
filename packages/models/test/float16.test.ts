import { describe, expect, test } from 'vitest';
import { floatToHalf, halfToFloat } from '../src/weights/float16.js';

describe('float16', () => {
  test('known patterns: normals, subnormals, zeros, infinities, NaN', () => {
    expect(halfToFloat(0x3c00)).toBe(1);
    expect(halfToFloat(0xc000)).toBe(-2);
    expect(halfToFloat(0x3555)).toBe(0.333251953125);
    expect(halfToFloat(0x7bff)).toBe(65504);
    expect(halfToFloat(0x0001)).toBe(2 ** -24);
    expect(halfToFloat(0x03ff)).toBe(1023 * 2 ** -24);
    expect(Object.is(halfToFloat(0x0000), 0)).toBe(true);
    expect(Object.is(halfToFloat(0x8000), -0)).toBe(true);
    expect(halfToFloat(0x7c00)).toBe(Number.POSITIVE_INFINITY);
    expect(halfToFloat(0xfc00)).toBe(Number.NEGATIVE_INFINITY);
    expect(halfToFloat(0x7e00)).toBeNaN();
  });

  test('every pattern that is a number reads back to itself', () => {
    const wrong: number[] = [];
    for (let h = 0; h < 0x10000; h++) {
      const value = halfToFloat(h);
      if (!Number.isNaN(value) && floatToHalf(value) !== h) wrong.push(h);
    }
    expect(wrong).toEqual([]);
  });

  test('floats round to the nearest half, ties to even', () => {
    expect(floatToHalf(1 + 2 ** -11)).toBe(0x3c00); // halfway between 1 and 1 + 2⁻¹⁰: even
    expect(floatToHalf(1 + 3 * 2 ** -11)).toBe(0x3c02);
    expect(floatToHalf(65520)).toBe(0x7c00); // past the largest half: infinity
    expect(floatToHalf(2 ** -25)).toBe(0x0000);
  });
});
