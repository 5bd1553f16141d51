import { invalidArgument } from '@lico/core';
import type { RgbImage } from './codec.js';

/** The five scales' exponents of Wang, Simoncelli and Bovik (2003), as pytorch_msssim uses them. */
export const MS_SSIM_WEIGHTS = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333] as const;
const WINDOW = 11;
const SIGMA = 1.5;
const C1 = (0.01 * 255) ** 2;
const C2 = (0.03 * 255) ** 2;

/** The smallest side MS-SSIM accepts: the 11-tap window must still fit after four halvings. */
export const MS_SSIM_MIN_SIDE = (WINDOW - 1) * 2 ** (MS_SSIM_WEIGHTS.length - 1) + 1;

function gaussianWindow(): Float64Array {
  const window = new Float64Array(WINDOW);
  let sum = 0;
  for (let i = 0; i < WINDOW; i++) {
    const x = i - (WINDOW >> 1);
    window[i] = Math.exp(-(x * x) / (2 * SIGMA * SIGMA));
    sum += window[i];
  }
  for (let i = 0; i < WINDOW; i++) window[i] /= sum;
  return window;
}

/** Filters each row of `src` (h × w) with the symmetric window `g`, without padding: h × (w − 10). */
function blurRows(src: Float64Array, h: number, w: number, g: Float64Array, out: Float64Array): void {
  const ow = w - WINDOW + 1;
  const half = WINDOW >> 1;
  for (let r = 0; r < h; r++) {
    const row = r * w;
    for (let c = 0; c < ow; c++) {
      const at = row + c;
      let sum = g[half] * src[at + half];
      for (let k = 0; k < half; k++) sum += g[k] * (src[at + k] + src[at + WINDOW - 1 - k]);
      out[r * ow + c] = sum;
    }
  }
}

/**
 * Mean SSIM and mean contrast-structure term of one channel at one scale: Gaussian window
 * 11×11, σ = 1.5, applied separably without padding ('valid'), as pytorch_msssim's `_ssim`.
 */
function ssimTerms(x: Float64Array, y: Float64Array, h: number, w: number, g: Float64Array) {
  const ow = w - WINDOW + 1;
  const oh = h - WINDOW + 1;
  const half = WINDOW >> 1;
  const product = new Float64Array(h * w);
  const maps = [0, 1, 2, 3, 4].map(() => new Float64Array(h * ow));
  const [hx, hy, hxx, hyy, hxy] = maps;
  blurRows(x, h, w, g, hx);
  blurRows(y, h, w, g, hy);
  for (let i = 0; i < product.length; i++) product[i] = x[i] * x[i];
  blurRows(product, h, w, g, hxx);
  for (let i = 0; i < product.length; i++) product[i] = y[i] * y[i];
  blurRows(product, h, w, g, hyy);
  for (let i = 0; i < product.length; i++) product[i] = x[i] * y[i];
  blurRows(product, h, w, g, hxy);
  // Vertical pass, then the maps, summed.
  let ssimSum = 0;
  let csSum = 0;
  for (let r = 0; r < oh; r++) {
    for (let c = 0; c < ow; c++) {
      const o = (r + half) * ow + c;
      const gc = g[half];
      let mu1 = gc * hx[o];
      let mu2 = gc * hy[o];
      let exx = gc * hxx[o];
      let eyy = gc * hyy[o];
      let exy = gc * hxy[o];
      for (let k = 0; k < half; k++) {
        const top = (r + k) * ow + c;
        const bottom = (r + WINDOW - 1 - k) * ow + c;
        const gk = g[k];
        mu1 += gk * (hx[top] + hx[bottom]);
        mu2 += gk * (hy[top] + hy[bottom]);
        exx += gk * (hxx[top] + hxx[bottom]);
        eyy += gk * (hyy[top] + hyy[bottom]);
        exy += gk * (hxy[top] + hxy[bottom]);
      }
      const mu11 = mu1 * mu1;
      const mu22 = mu2 * mu2;
      const mu12 = mu1 * mu2;
      const cs = (2 * (exy - mu12) + C2) / (exx - mu11 + (eyy - mu22) + C2);
      csSum += cs;
      ssimSum += ((2 * mu12 + C1) / (mu11 + mu22 + C1)) * cs;
    }
  }
  const n = oh * ow;
  return { ssim: ssimSum / n, cs: csSum / n };
}

/**
 * 2×2 average pooling with stride 2, padded by one zero row (column) on each side when the
 * height (width) is odd and the zeros counted in the mean: `F.avg_pool2d(X, 2, padding=(H%2, W%2))`.
 */
function halve(x: Float64Array, h: number, w: number): { data: Float64Array; h: number; w: number } {
  const ph = h % 2;
  const pw = w % 2;
  const oh = Math.floor((h + 2 * ph - 2) / 2) + 1;
  const ow = Math.floor((w + 2 * pw - 2) / 2) + 1;
  const out = new Float64Array(oh * ow);
  const at = (r: number, c: number) => (r >= 0 && r < h && c >= 0 && c < w ? x[r * w + c] : 0);
  for (let r = 0; r < oh; r++) {
    const r0 = 2 * r - ph;
    for (let c = 0; c < ow; c++) {
      const c0 = 2 * c - pw;
      out[r * ow + c] = (at(r0, c0) + at(r0, c0 + 1) + at(r0 + 1, c0) + at(r0 + 1, c0 + 1)) / 4;
    }
  }
  return { data: out, h: oh, w: ow };
}

function plane(image: RgbImage, channel: number): Float64Array {
  const out = new Float64Array(image.width * image.height);
  for (let i = 0; i < out.length; i++) out[i] = image.data[3 * i + channel];
  return out;
}

/**
 * MS-SSIM (Wang, Simoncelli and Bovik, 2003) of two 8-bit RGB images, computed as
 * pytorch_msssim's `ms_ssim(X, Y, data_range=255)` that CompressAI reports: per channel, five
 * scales (2×2 average pooling between them), the contrast-structure means of the first four and
 * the SSIM mean of the last, each clamped at 0 and raised to {@link MS_SSIM_WEIGHTS}, multiplied;
 * then the mean over R, G and B. Both sides must be at least {@link MS_SSIM_MIN_SIDE} pixels.
 */
export function msSsim(a: RgbImage, b: RgbImage): number {
  if (a.width !== b.width || a.height !== b.height)
    invalidArgument('msSsim(a, b)', 'images of one size', `${a.width}×${a.height} and ${b.width}×${b.height}`);
  if (Math.min(a.width, a.height) < MS_SSIM_MIN_SIDE)
    invalidArgument('msSsim(a, b)', `images at least ${MS_SSIM_MIN_SIDE} pixels per side`, `${a.width}×${a.height}`);
  const g = gaussianWindow();
  let total = 0;
  for (let channel = 0; channel < 3; channel++) {
    let x = plane(a, channel);
    let y = plane(b, channel);
    let h = a.height;
    let w = a.width;
    let value = 1;
    for (let level = 0; level < MS_SSIM_WEIGHTS.length; level++) {
      const { ssim, cs } = ssimTerms(x, y, h, w, g);
      const last = level === MS_SSIM_WEIGHTS.length - 1;
      value *= Math.max(last ? ssim : cs, 0) ** MS_SSIM_WEIGHTS[level];
      if (!last) {
        const hx = halve(x, h, w);
        x = hx.data;
        y = halve(y, h, w).data;
        h = hx.h;
        w = hx.w;
      }
    }
    total += value;
  }
  return total / 3;
}
