import { invalidArgument } from '@lico/core';
import { accumulate, result, shapeOf, type Variable } from '../variable.js';
import { relu } from './activations.js';
import { conv2d } from './conv.js';
import { add, addScalar, constant, div, mul, pow, scale, square, sub } from './elementwise.js';
import { mean } from './reduce.js';
import { reshape } from './shape.js';

const sameShape = (a: Variable, b: Variable, what: string) => {
  if (a.size !== b.size || a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i]))
    invalidArgument(what, `two Variables of one shape`, `[${a.shape.join(', ')}] and [${b.shape.join(', ')}]`);
};

/** The mean squared error of two tensors of one shape (a scalar). */
export function mse(a: Variable, b: Variable): Variable {
  sameShape(a, b, 'mse(a, b)');
  let total = 0;
  for (let k = 0; k < a.size; k++) {
    const d = a.data[k] - b.data[k];
    total += d * d;
  }
  return result('mse', Float32Array.of(total / a.size), [], [a, b], (g) => {
    const f = (2 * g[0]) / a.size;
    const x = a.data;
    const y = b.data;
    if (a.requiresGrad) {
      const grad = new Float32Array(a.size);
      for (let k = 0; k < grad.length; k++) grad[k] = f * (x[k] - y[k]);
      accumulate(a, grad);
    }
    if (b.requiresGrad) {
      const grad = new Float32Array(b.size);
      for (let k = 0; k < grad.length; k++) grad[k] = f * (y[k] - x[k]);
      accumulate(b, grad);
    }
  });
}

/** Σ −log2(likelihoods): the ideal code length in bits (a scalar). */
export function bits(likelihoods: Variable): Variable {
  let total = 0;
  const data = likelihoods.data;
  for (let k = 0; k < data.length; k++) total -= Math.log2(data[k]);
  return result('bits', Float32Array.of(total), [], [likelihoods], (g) => {
    const f = -g[0] / Math.LN2;
    const grad = new Float32Array(data.length);
    for (let k = 0; k < grad.length; k++) grad[k] = f / data[k];
    accumulate(likelihoods, grad);
  });
}

/** Peak signal-to-noise ratio in dB of a mean squared error on values in [0, `peak`]. */
export function psnr(meanSquaredError: number, peak = 1): number {
  return 10 * Math.log10((peak * peak) / meanSquaredError);
}

/** Average pooling over 2×2 blocks, stride 2, with `padding` zero rows/columns on each side counted in the mean. */
export function avgPool2(x: Variable, padding: readonly [number, number] = [0, 0]): Variable {
  const [n, c, h, w] = shapeOf(x, 4, 'avgPool2(x)');
  const [ph, pw] = padding;
  const oh = Math.floor((h + 2 * ph - 2) / 2) + 1;
  const ow = Math.floor((w + 2 * pw - 2) / 2) + 1;
  const out = new Float32Array(n * c * oh * ow);
  const visit = (f: (from: number, to: number) => void) => {
    for (let p = 0; p < n * c; p++)
      for (let y = 0; y < oh; y++)
        for (let xx = 0; xx < ow; xx++)
          for (let i = 0; i < 2; i++)
            for (let j = 0; j < 2; j++) {
              const sy = 2 * y - ph + i;
              const sx = 2 * xx - pw + j;
              if (sy >= 0 && sy < h && sx >= 0 && sx < w) f((p * h + sy) * w + sx, (p * oh + y) * ow + xx);
            }
  };
  visit((from, to) => {
    out[to] += 0.25 * x.data[from];
  });
  return result('avgPool2', out, [n, c, oh, ow], [x], (g) => {
    const grad = new Float32Array(x.size);
    visit((from, to) => {
      grad[from] += 0.25 * g[to];
    });
    accumulate(x, grad);
  });
}

/** MS-SSIM's options (pytorch_msssim's defaults, as CompressAI uses them). */
export interface MsSsimOptions {
  /** The range of pixel values: 1. */
  readonly dataRange?: number;
  /** The Gaussian window's size and σ: 11 and 1.5. */
  readonly windowSize?: number;
  readonly sigma?: number;
  /** The weights of the scales, finest first. */
  readonly weights?: readonly number[];
}

const MS_SSIM_WEIGHTS = [0.0448, 0.2856, 0.3001, 0.2363, 0.1333];

function gaussianWindow(size: number, sigma: number): Float32Array {
  const g = Float32Array.from({ length: size }, (_, k) => Math.exp(-((k - (size - 1) / 2) ** 2) / (2 * sigma * sigma)));
  const total = g.reduce((a, b) => a + b, 0);
  return g.map((v) => v / total);
}

// A separable Gaussian filter of every channel, without padding ('valid').
function blur(x: Variable, window: Float32Array): Variable {
  const [n, c, h, w] = x.shape;
  const planes = reshape(x, [n * c, 1, h, w]);
  const across = conv2d(planes, constant(window, [1, 1, 1, window.length]));
  const down = conv2d(across, constant(window, [1, 1, window.length, 1]));
  return reshape(down, [n, c, down.shape[2], down.shape[3]]);
}

/**
 * Multi-scale structural similarity (Wang, Simoncelli and Bovik 2003) as pytorch_msssim computes
 * it (the version CompressAI trains with): per scale, SSIM terms over an 11×11 Gaussian window
 * (σ 1.5, no padding), contrast-structure terms of the first four scales and the SSIM of the last,
 * clamped at 0, raised to the scale weights and multiplied; the mean over images and channels.
 * Images need more than 160 pixels per side (5 scales of an 11-tap window).
 */
export function msSsim(a: Variable, b: Variable, options: MsSsimOptions = {}): Variable {
  sameShape(a, b, 'msSsim(a, b)');
  const [, , h, w] = shapeOf(a, 4, 'msSsim(a)');
  const weights = options.weights ?? MS_SSIM_WEIGHTS;
  const size = options.windowSize ?? 11;
  const smallest = (size - 1) * 2 ** (weights.length - 1);
  if (Math.min(h, w) <= smallest)
    invalidArgument('msSsim(a)', `images larger than ${smallest} pixels per side`, `${h}×${w}`);
  const window = gaussianWindow(size, options.sigma ?? 1.5);
  const range = options.dataRange ?? 1;
  const c1 = (0.01 * range) ** 2;
  const c2 = (0.03 * range) ** 2;
  let x = a;
  let y = b;
  let product: Variable | undefined;
  for (let level = 0; level < weights.length; level++) {
    const mu1 = blur(x, window);
    const mu2 = blur(y, window);
    const mu1sq = square(mu1);
    const mu2sq = square(mu2);
    const mu12 = mul(mu1, mu2);
    const s11 = sub(blur(square(x), window), mu1sq);
    const s22 = sub(blur(square(y), window), mu2sq);
    const s12 = sub(blur(mul(x, y), window), mu12);
    const csMap = div(addScalar(scale(s12, 2), c2), addScalar(add(s11, s22), c2));
    const last = level === weights.length - 1;
    const term = last ? mul(div(addScalar(scale(mu12, 2), c1), addScalar(add(mu1sq, mu2sq), c1)), csMap) : csMap;
    const perChannel = relu(mean(term, [2, 3]));
    const weighted = pow(perChannel, weights[level]);
    product = product ? mul(product, weighted) : weighted;
    if (!last) {
      const [, , hh, ww] = x.shape;
      x = avgPool2(x, [hh % 2, ww % 2]);
      y = avgPool2(y, [hh % 2, ww % 2]);
    }
  }
  return mean(product as Variable);
}

/** The pieces of a rate-distortion loss (scalars), as CompressAI's `RateDistortionLoss` returns them. */
export interface RateDistortion {
  readonly loss: Variable;
  readonly bpp: Variable;
  readonly mse?: Variable;
  readonly msSsim?: Variable;
}

/**
 * CompressAI's rate-distortion loss: `λ·255²·MSE + bpp` (or `λ·(1 − MS-SSIM) + bpp`), with
 * bpp = Σ over latents of Σ −log2 likelihoods / (N·H·W) of the image `x`.
 */
export function rateDistortionLoss(
  xHat: Variable,
  x: Variable,
  likelihoods: readonly Variable[],
  options: { lambda: number; metric?: 'mse' | 'ms-ssim' },
): RateDistortion {
  const [n, , h, w] = shapeOf(x, 4, 'rateDistortionLoss(x)');
  if (!(options.lambda >= 0)) invalidArgument('lambda', 'a number ≥ 0', options.lambda);
  const rate = likelihoods.map(bits).reduce((s, b) => add(s, b));
  const bpp = scale(rate, 1 / (n * h * w));
  if ((options.metric ?? 'mse') === 'ms-ssim') {
    const similarity = msSsim(xHat, x);
    return { loss: add(scale(addScalar(scale(similarity, -1), 1), options.lambda), bpp), bpp, msSsim: similarity };
  }
  const error = mse(xHat, x);
  return { loss: add(scale(error, options.lambda * 255 ** 2), bpp), bpp, mse: error };
}
