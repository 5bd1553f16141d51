import { describe, expect, test } from 'vitest';
import type { RgbImage } from '../src/eval/codec.js';
import { bitsPerPixel, mse, msSsimDb, psnr } from '../src/eval/metrics.js';
import { MS_SSIM_MIN_SIDE, msSsim } from '../src/eval/ms-ssim.js';
import { distorted, syntheticImage } from './eval-images.js';

const image = (width: number, height: number, values: number[]): RgbImage => ({
  width,
  height,
  data: Uint8Array.from(values),
});

describe('eval metrics', () => {
  test('PSNR: one MSE over all R, G, B values, 10·log10(255²/MSE)', () => {
    const a = image(2, 1, [0, 0, 0, 100, 100, 100]);
    const b = image(2, 1, [3, 0, 0, 100, 96, 100]);
    // Squared errors 9 and 16 over 6 values.
    expect(mse(a, b)).toBe(25 / 6);
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10((255 * 255 * 6) / 25), 12);
    expect(psnr(a, b)).toBeCloseTo(41.9329, 4);
    expect(psnr(a, a)).toBe(Number.POSITIVE_INFINITY);
    expect(() => psnr(a, image(1, 2, [0, 0, 0, 0, 0, 0]))).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
  });

  test('bpp is 8·bytes/(W·H); MS-SSIM in dB is −10·log10(1 − MS-SSIM)', () => {
    expect(bitsPerPixel(49152, 768, 512)).toBe(1);
    expect(bitsPerPixel(3, 4, 3)).toBe(2);
    expect(msSsimDb(0.99)).toBeCloseTo(20, 12);
  });

  test('MS-SSIM matches pytorch_msssim (CompressAI) on odd and even sizes', () => {
    // Reference values: pytorch_msssim.ms_ssim(X, Y, data_range=255) in float32 (torch 1.13) on
    // these very images. Lico computes in float64 with an exact window; the float32 window's sum
    // (1 − 3e-8) moves torch's variances slightly, about 2e-6 here.
    const odd = syntheticImage(203, 171, 1);
    expect(msSsim(odd, distorted(odd, 20))).toBeCloseTo(0.8881657, 5);
    const even = syntheticImage(192, 176, 1);
    expect(msSsim(even, distorted(even, 20))).toBeCloseTo(0.889097, 5);
  });

  test('MS-SSIM is 1 for identical images, falls with distortion, and needs 161 pixels per side', () => {
    const a = syntheticImage(170, 165, 3);
    expect(msSsim(a, a)).toBeCloseTo(1, 12);
    expect(msSsim(a, distorted(a, 4))).toBeGreaterThan(msSsim(a, distorted(a, 30)));
    expect(MS_SSIM_MIN_SIDE).toBe(161);
    const small = syntheticImage(160, 300);
    expect(() => msSsim(small, small)).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
  });
});
