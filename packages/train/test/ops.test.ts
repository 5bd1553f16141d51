import '@lico/backend-js';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  abs,
  add,
  addScalar,
  addUniformNoise,
  avgPool2,
  backward,
  bits,
  channelsFirst,
  channelsLast,
  concat,
  constant,
  conv2d,
  convTranspose2d,
  cropSpatial,
  div,
  erfc,
  exp,
  gaussianLikelihood,
  gaussianMixtureLikelihood,
  gdn,
  leakyRelu,
  log,
  lowerBound,
  maskedConv2d,
  matmul,
  mean,
  mse,
  msSsim,
  mul,
  neg,
  nonNegative,
  padReplicate,
  pixelShuffle,
  pow,
  quantize,
  rasterMask,
  relu,
  reshape,
  roundSte,
  scale,
  setTrainBackend,
  sigmoid,
  softmaxChannels,
  softplus,
  split,
  sqrt,
  square,
  sub,
  sum,
  tanh,
  Variable,
} from '../src/index.js';
import { checkGradients, input } from './grad-check.js';

beforeAll(async () => {
  await setTrainBackend('js');
});

// Inputs kept away from kinks (0 for relu and abs, the bounds of lowerBound) by the ranges.
const positive = (shape: number[], seed: number) => input(shape, 0.5, 2, seed);
const signed = (shape: number[], seed: number) => {
  const i = input(shape, 0.2, 1.5, seed);
  i.data.forEach((v, k) => {
    i.data[k] = k % 3 === 1 ? -v : v;
  });
  return i;
};

describe('elementwise operations: gradients match central differences [js]', () => {
  test.each([
    ['add', add],
    ['sub', sub],
    ['mul', mul],
    ['div', div],
  ] as const)('%s, same shapes and broadcast', (_, op) => {
    checkGradients(op, [signed([2, 3, 4], 1), positive([2, 3, 4], 2)]);
    checkGradients(op, [signed([2, 3, 4], 3), positive([3, 1], 4)]);
    checkGradients(op, [positive([1, 4], 5), signed([2, 3, 1], 6)]);
  });

  test.each([
    ['neg', neg],
    ['square', square],
    ['sqrt', sqrt],
    ['exp', exp],
    ['log', log],
    ['abs', abs],
    ['relu', relu],
    ['sigmoid', sigmoid],
    ['tanh', tanh],
    ['softplus', softplus],
    ['scale', (x: Variable) => scale(x, -2.5)],
    ['addScalar', (x: Variable) => addScalar(x, 0.7)],
    ['pow', (x: Variable) => pow(x, 1.7)],
    ['leakyRelu', (x: Variable) => leakyRelu(x, 0.2)],
    ['lowerBound (above the bound)', (x: Variable) => lowerBound(x, -2)],
  ] as const)('%s', (name, op) => {
    const needsPositive = ['sqrt', 'log', 'pow'].includes(name);
    checkGradients(op, [needsPositive ? positive([3, 5], 8) : signed([3, 5], 8)]);
  });

  test('lowerBound passes gradients that push a bounded value up, and no others', () => {
    const x = new Variable(Float32Array.of(-1, -1, 2), [3], { requiresGrad: true });
    const y = lowerBound(x, 0);
    expect(Array.from(y.data)).toEqual([0, 0, 2]);
    // dL/dy = (1, −1, 1): descent would push y0 down (blocked at the bound) and y1 up (passes).
    backward(sum(mul(y, constant(Float32Array.of(1, -1, 1)))));
    expect(Array.from(x.grad ?? [])).toEqual([0, -1, 1]);
  });
});

describe('layers: gradients match central differences [js]', () => {
  test('conv2d with bias, stride 2 and padding', () => {
    checkGradients(
      (x, w, b) => conv2d(x, w, b, { stride: 2, padding: 2 }),
      [input([2, 3, 7, 6], -1, 1, 11), input([4, 3, 5, 5], -0.3, 0.3, 12), input([4], -0.5, 0.5, 13)],
    );
  });

  test('convTranspose2d with output padding (CompressAI deconv)', () => {
    checkGradients(
      (x, w, b) => convTranspose2d(x, w, b, { stride: 2, padding: 2, outputPadding: 1 }),
      [input([2, 4, 3, 4], -1, 1, 14), input([4, 3, 5, 5], -0.3, 0.3, 15), input([3], -0.5, 0.5, 16)],
    );
  });

  test('maskedConv2d: masked taps get no gradient and read nothing', () => {
    const mask = rasterMask(2, 3, 5, 'A');
    checkGradients(
      (x, w) => maskedConv2d(x, w, undefined, mask, { padding: 2 }),
      [input([1, 3, 5, 5], -1, 1, 17), input([2, 3, 5, 5], -0.3, 0.3, 18)],
    );
    const w = new Variable(new Float32Array(2 * 3 * 25).fill(1), [2, 3, 5, 5], { requiresGrad: true });
    const x = new Variable(new Float32Array(3 * 25).fill(1), [1, 3, 5, 5]);
    const y = maskedConv2d(x, w, undefined, mask, { padding: 2 });
    // Type A at the centre of a 5×5 all-ones input: the 12 taps before the centre, 3 channels.
    expect(y.data[12]).toBe(36);
  });

  test.each([false, true])('gdn (inverse %s) with stored parameters', (inverse) => {
    checkGradients(
      (x, beta, gamma) => gdn(x, beta, gamma, { inverse }),
      [input([2, 3, 4, 5], -1.5, 1.5, 19), input([3], 0.8, 1.2, 20), input([3, 3], 0.1, 0.5, 21)],
    );
  });

  test('nonNegative: effective = max(stored, bound)² − pedestal', () => {
    checkGradients((x) => nonNegative(x, 1e-6), [input([6], 0.1, 1, 22)]);
    const below = nonNegative(new Variable(Float32Array.of(-3), [1]), 1e-6);
    expect(below.data[0]).toBeCloseTo(1e-6, 9);
  });

  test('softmaxChannels over 3 groups sums to 1', () => {
    checkGradients((x) => softmaxChannels(x, 3), [input([2, 6, 2, 2], -2, 2, 23)]);
    const y = softmaxChannels(new Variable(Float32Array.of(1, 2, 3), [1, 3, 1, 1]), 3);
    expect(y.data.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  test('pixelShuffle, concat, split, padReplicate, cropSpatial, reshape, channelsFirst/Last', () => {
    checkGradients((x) => pixelShuffle(x, 2), [input([2, 8, 3, 2], -1, 1, 24)]);
    checkGradients((a, b) => concat([a, b], 1), [input([2, 3, 2, 2], -1, 1, 25), input([2, 1, 2, 2], -1, 1, 26)]);
    checkGradients((x) => split(x, [1, 3], 1)[1], [input([2, 4, 2, 2], -1, 1, 27)]);
    checkGradients((x) => padReplicate(x, 4), [input([1, 2, 3, 5], -1, 1, 31)]);
    checkGradients((x) => cropSpatial(x, 2, 3), [input([2, 2, 4, 5], -1, 1, 32)]);
    checkGradients((x) => square(reshape(x, [4, 6])), [input([2, 3, 4], -1, 1, 28)]);
    checkGradients(
      (x) => channelsLast(mul(channelsFirst(x), channelsFirst(x)), [2, 3, 2, 2]),
      [input([2, 3, 2, 2], -1, 1, 29)],
    );
    // pixelShuffle puts channel k·4 + i·2 + j at (2y + i, 2x + j).
    const y = pixelShuffle(new Variable(Float32Array.of(1, 2, 3, 4), [1, 4, 1, 1]), 2);
    expect(Array.from(y.data)).toEqual([1, 2, 3, 4]);
    // padReplicate repeats the last row and column; cropSpatial keeps the top-left window.
    const padded = padReplicate(new Variable(Float32Array.of(1, 2, 3, 4), [1, 1, 2, 2]), 3);
    expect([padded.shape, Array.from(padded.data)]).toEqual([
      [1, 1, 3, 3],
      [1, 2, 2, 3, 4, 4, 3, 4, 4],
    ]);
    const window = cropSpatial(
      new Variable(
        Float32Array.from({ length: 16 }, (_, i) => i),
        [1, 1, 4, 4],
      ),
      2,
      3,
    );
    expect(Array.from(window.data)).toEqual([0, 1, 2, 4, 5, 6]);
  });

  test('sum, mean over axes, matmul (2-D and batched)', () => {
    checkGradients((x) => sum(x, [1]), [input([2, 3, 4], -1, 1, 30)]);
    checkGradients((x) => mean(x, [0, 2]), [input([2, 3, 4], -1, 1, 31)]);
    checkGradients((a, b) => matmul(a, b), [input([3, 4], -1, 1, 32), input([4, 2], -1, 1, 33)]);
    checkGradients((a, b) => matmul(a, b), [input([2, 3, 4], -1, 1, 34), input([2, 4, 5], -1, 1, 35)]);
  });

  test('avgPool2 with odd sizes (zero padding counted, as PyTorch)', () => {
    checkGradients((x) => avgPool2(x, [1, 0]), [input([1, 2, 5, 4], -1, 1, 36)]);
    const y = avgPool2(new Variable(new Float32Array(9).fill(1), [1, 1, 3, 3]), [1, 1]);
    expect(Array.from(y.data)).toEqual([0.25, 0.5, 0.5, 1]);
  });
});

describe('quantization proxies [js]', () => {
  test('noise is U(−½, ½) with gradient 1; straight-through rounding is half to even', () => {
    let draws = 0;
    const random = () => [0, 0.999, 0.5][draws++ % 3];
    const x = new Variable(Float32Array.of(1, 1, 1), [3], { requiresGrad: true });
    const noisy = addUniformNoise(x, random);
    expect(Array.from(noisy.data).map((v) => Math.round(v * 1000) / 1000)).toEqual([0.5, 1.499, 1]);
    checkGradients((v) => addUniformNoise(v, () => 0.25), [input([4], -2, 2, 37)]);
    const rounded = roundSte(new Variable(Float32Array.of(0.5, 1.5, 2.5, -0.5, -1.5, 0.49), [6]));
    expect(Array.from(rounded.data)).toEqual([0, 2, 2, -0, -2, 0]);
    // Straight-through: the gradient is the identity, away from the jumps too.
    const v = new Variable(Float32Array.of(0.3, 1.7), [2], { requiresGrad: true });
    backward(sum(mul(roundSte(v), constant(Float32Array.of(2, 3)))));
    expect(Array.from(v.grad ?? [])).toEqual([2, 3]);
  });

  test('quantize: ste and dequantize round around the means', () => {
    const x = new Variable(Float32Array.of(0.9, 2.2), [2]);
    const means = constant(Float32Array.of(0.5, 0.5));
    expect(Array.from(quantize(x, 'ste', { means }).data)).toEqual([0.5, 2.5]);
    expect(Array.from(quantize(x, 'dequantize', { means }).data)).toEqual([0.5, 2.5]);
    expect(() => quantize(x, 'noise')).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
  });
});

describe('likelihoods and losses [js]', () => {
  test('erfc is accurate to float32 everywhere, the far tail included', () => {
    const known: [number, number][] = [
      [0, 1],
      [0.5, 0.4795001221869535],
      [1, 0.15729920705028513],
      [3, 2.209049699858544e-5],
      [5, 1.5374597944280349e-12],
      [10, 2.088487583762545e-45],
      [-1, 1.8427007929497148],
    ];
    for (const [x, value] of known) expect(Math.abs(erfc(x) - value) / value).toBeLessThan(1.2e-7);
  });

  test('gaussianLikelihood: known value and gradients (with and without means)', () => {
    const p = gaussianLikelihood(new Variable(Float32Array.of(0), [1]), new Variable(Float32Array.of(1), [1]));
    expect(p.data[0]).toBeCloseTo(0.38292492, 6);
    checkGradients((y, s) => gaussianLikelihood(y, s), [signed([2, 3, 2, 2], 40), input([2, 3, 2, 2], 0.3, 2, 41)]);
    checkGradients(
      (y, s, m) => gaussianLikelihood(y, s, m),
      [signed([1, 2, 2, 2], 42), input([1, 2, 2, 2], 0.3, 2, 43), input([1, 2, 2, 2], -0.4, 0.4, 44)],
    );
  });

  test('gaussianLikelihood bounds: scales below 0.11 count as 0.11, likelihoods stay ≥ 1e-9', () => {
    const y = new Variable(Float32Array.of(0, 40), [2]);
    const p = gaussianLikelihood(y, new Variable(Float32Array.of(0.01, 0.05), [2]));
    expect(p.data[0]).toBeCloseTo(0.99999, 4);
    expect(p.data[1]).toBeCloseTo(1e-9, 12);
  });

  test('gaussianMixtureLikelihood with 3 components', () => {
    const weights = (w: Variable) => softmaxChannels(w, 3);
    checkGradients(
      (y, w, m, s) => gaussianMixtureLikelihood(y, weights(w), m, s),
      [
        signed([1, 2, 2, 2], 45),
        input([1, 6, 2, 2], -1, 1, 46),
        input([1, 6, 2, 2], -0.5, 0.5, 47),
        input([1, 6, 2, 2], 0.3, 2, 48),
      ],
    );
    // One component of weight 1 is the Gaussian likelihood.
    const y = new Variable(Float32Array.of(0.3), [1, 1, 1, 1]);
    const one = gaussianMixtureLikelihood(
      y,
      new Variable(Float32Array.of(1, 0, 0), [1, 3, 1, 1]),
      new Variable(Float32Array.of(0.1, 5, -5), [1, 3, 1, 1]),
      new Variable(Float32Array.of(0.7, 1, 1), [1, 3, 1, 1]),
    );
    const single = gaussianLikelihood(
      y,
      new Variable(Float32Array.of(0.7), [1, 1, 1, 1]),
      new Variable(Float32Array.of(0.1), [1, 1, 1, 1]),
    );
    expect(one.data[0]).toBeCloseTo(single.data[0], 6);
  });

  test('mse, bits and msSsim', () => {
    checkGradients((a, b) => mse(a, b), [input([2, 3, 2, 2], 0, 1, 49), input([2, 3, 2, 2], 0, 1, 50)]);
    checkGradients((p) => bits(p), [input([5], 0.1, 0.9, 51)]);
    // Similar images (b = a + small noise), so that every SSIM term is positive.
    const options = { windowSize: 3, weights: [0.5, 0.5] };
    const a = input([1, 2, 9, 9], 0, 1, 52);
    const noise = input([1, 2, 9, 9], -0.1, 0.1, 53);
    const b = { data: a.data.map((v, k) => v + noise.data[k]), shape: a.shape };
    checkGradients((p, q) => msSsim(p, q, options), [a, b], {
      h: 3e-3,
      rtol: 5e-2,
    });
    const x = input([1, 3, 176, 176], 0, 1, 54);
    const same = msSsim(new Variable(x.data, x.shape), new Variable(x.data.slice(), x.shape));
    expect(same.item()).toBeCloseTo(1, 5);
    expect(() =>
      msSsim(
        new Variable(new Float32Array(64 * 64), [1, 1, 64, 64]),
        new Variable(new Float32Array(64 * 64), [1, 1, 64, 64]),
      ),
    ).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
  });
});
