import { describe, expect, test } from 'vitest';
import { bdPsnr, bdRate, monotoneCurve, Pchip, type RdPoint } from '../src/eval/bd-rate.js';

const curve = (rates: number[], psnrs: number[]): RdPoint[] => rates.map((r, i) => [r, psnrs[i]]);
const anchor = curve([0.1, 0.2, 0.35, 0.6, 1.0, 1.8], [26.0, 28.9, 31.0, 33.2, 35.5, 38.9]);

describe('BD-rate (pchip)', () => {
  test('identical curves: 0 %, 0 dB', () => {
    expect(bdRate(anchor, anchor)).toBeCloseTo(0, 12);
    expect(bdPsnr(anchor, anchor)).toBeCloseTo(0, 12);
  });

  test('every rate × 0.9 is −10 %, × 1.25 is +25 %; PSNR + 0.5 dB is BD-PSNR +0.5 dB', () => {
    const scaled = (f: number) => anchor.map(([r, q]) => [r * f, q] as RdPoint);
    expect(bdRate(anchor, scaled(0.9))).toBeCloseTo(-10, 10);
    expect(bdRate(anchor, scaled(1.25))).toBeCloseTo(25, 10);
    expect(bdRate(scaled(0.9), anchor)).toBeCloseTo((1 / 0.9 - 1) * 100, 10);
    const better = anchor.map(([r, q]) => [r, q + 0.5] as RdPoint);
    expect(bdPsnr(anchor, better)).toBeCloseTo(0.5, 10);
    expect(bdPsnr(better, anchor)).toBeCloseTo(-0.5, 10);
  });

  test('matches a dense numerical integration of the same interpolation (scipy-style pchip)', () => {
    // Reference: numpy, pchip derivatives as scipy.interpolate.PchipInterpolator, trapezoids on
    // 2·10⁶ samples of the overlap (tools of the one-off check: see docs/evaluation.md).
    const vcegAnchor = curve([686.76, 309.58, 157.11, 85.95], [40.28, 37.18, 34.24, 31.42]);
    const vcegTest = curve([893.34, 407.8, 204.93, 112.75], [40.39, 37.21, 34.17, 31.24]);
    expect(bdRate(vcegAnchor, vcegTest)).toBeCloseTo(31.3798782, 5);
    expect(bdPsnr(vcegAnchor, vcegTest)).toBeCloseTo(-1.1834724, 6);
    const test6 = curve([0.12, 0.25, 0.4, 0.7, 1.3, 2.0], [26.5, 29.5, 31.4, 33.9, 36.8, 39.0]);
    expect(bdRate(anchor, test6)).toBeCloseTo(3.4956926, 5);
    expect(bdPsnr(anchor, test6)).toBeCloseTo(-0.1491249, 6);
  });

  test('curves that do not overlap, or with fewer than 2 points, give null', () => {
    const far = curve([3, 4], [45, 46]);
    expect(bdRate(anchor, far)).toBeNull();
    expect(bdPsnr(anchor, curve([5, 6], [20, 21]))).toBeNull();
    expect(bdRate(anchor, [[1, 30]])).toBeNull();
  });

  test('points that do not improve on a cheaper point are left out', () => {
    expect(
      monotoneCurve([
        [1, 30],
        [0.5, 28],
        [1.2, 29.5],
        [2, 33],
        [0, 20],
        [3, Number.NaN],
      ]),
    ).toEqual([
      [0.5, 28],
      [1, 30],
      [2, 33],
    ]);
  });
});

describe('Pchip', () => {
  test('passes through its points, reproduces a line, integrates exactly', () => {
    const x = [0, 1, 3, 4];
    const line = new Pchip(
      x,
      x.map((v) => 2 * v + 1),
    );
    expect(line.at(2.5)).toBeCloseTo(6, 12);
    expect(line.integrate(0.5, 3.5)).toBeCloseTo(3 * (2 * 2 + 1), 12);
    const p = new Pchip([0, 1, 2, 4], [0, 1, 1.5, 1.6]);
    for (const [xi, yi] of [
      [0, 0],
      [1, 1],
      [2, 1.5],
      [4, 1.6],
    ])
      expect(p.at(xi)).toBeCloseTo(yi, 12);
    // Monotone data stay monotone between the points (no overshoot).
    for (let i = 0; i < 80; i++) expect(p.at((i + 1) / 20)).toBeGreaterThanOrEqual(p.at(i / 20) - 1e-12);
    expect(() => new Pchip([0, 0], [1, 2])).toThrow(RangeError);
  });
});
