import { invalidArgument } from '@lico/core';
import type { RgbImage } from './codec.js';

function sameSize(a: RgbImage, b: RgbImage, what: string): void {
  if (a.width !== b.width || a.height !== b.height || a.data.length !== b.data.length)
    invalidArgument(what, `images of one size`, `${a.width}×${a.height} and ${b.width}×${b.height}`);
}

/** Mean squared error over every R, G and B value (8-bit units). */
export function mse(a: RgbImage, b: RgbImage): number {
  sameSize(a, b, 'mse(a, b)');
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) {
    const d = a.data[i] - b.data[i];
    sum += d * d;
  }
  return sum / a.data.length;
}

/**
 * PSNR in dB over RGB as CompressAI computes it (`compressai.utils.bench`): one MSE over all
 * values of the three channels, 10·log10(255² / MSE); `Infinity` for identical images.
 */
export function psnr(a: RgbImage, b: RgbImage): number {
  const error = mse(a, b);
  return error === 0 ? Number.POSITIVE_INFINITY : 10 * Math.log10((255 * 255) / error);
}

/** Bits per pixel of a file of `bytes` bytes holding a `width × height` image: 8·bytes / (W·H). */
export function bitsPerPixel(bytes: number, width: number, height: number): number {
  return (8 * bytes) / (width * height);
}

/** MS-SSIM in decibels, −10·log10(1 − MS-SSIM), the scale on which its BD-rate is read. */
export function msSsimDb(msSsim: number): number {
  return -10 * Math.log10(1 - msSsim);
}
