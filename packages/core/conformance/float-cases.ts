import { type Conv2dAttrs, conv2dOutputShape, type Exactness, type GdnAttrs } from '../src/index.js';
import { seededRandom } from '../src/random.js';

/** Uniform values in [low, high) from a seeded generator. */
export function uniformFloats(length: number, low: number, high: number, seed: number): Float32Array {
  const random = seededRandom(seed);
  return Float32Array.from({ length }, () => low + (high - low) * random());
}

/** One float convolution geometry with inputs for the forward pass and both gradients. */
export interface Conv2dCase {
  readonly name: string;
  readonly attrs: Conv2dAttrs;
  readonly input: Float32Array;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  readonly outputGrad: Float32Array;
}

function conv(name: string, seed: number, shape: Omit<Conv2dAttrs, 'outputPadding'> & { outputPadding?: number }) {
  const attrs: Conv2dAttrs = { outputPadding: 0, ...shape };
  const out = conv2dOutputShape(attrs).reduce((a, b) => a * b, 1);
  const weightCount = attrs.inChannels * attrs.outChannels * attrs.kernelHeight * attrs.kernelWidth;
  return {
    name,
    attrs,
    input: uniformFloats(attrs.batch * attrs.inChannels * attrs.height * attrs.width, -1, 1, seed),
    weights: uniformFloats(weightCount, -0.2, 0.2, seed + 1),
    bias: uniformFloats(attrs.outChannels, -0.5, 0.5, seed + 2),
    outputGrad: uniformFloats(out, -1, 1, seed + 3),
  };
}

const k5s2 = { kernelHeight: 5, kernelWidth: 5, stride: 2, padding: 2 };

/**
 * Convolutions the conformance suite runs: the layers of a hyperprior model at small sizes
 * (5×5 stride 2 with odd and even sizes, transposed with output padding, into 3 channels),
 * 3×3 and 1×1, a batch of one, and a floor that drops input rows.
 */
export function conv2dCases(): Conv2dCase[] {
  const plain = { transposed: false };
  const transposed = { transposed: true };
  return [
    conv('image to 16 channels, 5×5 stride 2', 11, {
      batch: 2,
      inChannels: 3,
      height: 13,
      width: 12,
      outChannels: 16,
      ...k5s2,
      ...plain,
    }),
    conv('16 to 20 channels, 5×5 stride 2', 12, {
      batch: 2,
      inChannels: 16,
      height: 10,
      width: 9,
      outChannels: 20,
      ...k5s2,
      ...plain,
    }),
    conv('3×3 stride 1', 13, {
      batch: 3,
      inChannels: 5,
      height: 9,
      width: 11,
      outChannels: 7,
      kernelHeight: 3,
      kernelWidth: 3,
      stride: 1,
      padding: 1,
      ...plain,
    }),
    conv('1×1', 14, {
      batch: 2,
      inChannels: 17,
      height: 4,
      width: 6,
      outChannels: 18,
      kernelHeight: 1,
      kernelWidth: 1,
      stride: 1,
      padding: 0,
      ...plain,
    }),
    conv('2×2 stride 2 dropping a row', 15, {
      batch: 2,
      inChannels: 4,
      height: 5,
      width: 7,
      outChannels: 6,
      kernelHeight: 2,
      kernelWidth: 2,
      stride: 2,
      padding: 0,
      ...plain,
    }),
    conv('transposed 20 to 16 channels, 5×5 stride 2', 16, {
      batch: 2,
      inChannels: 20,
      height: 5,
      width: 4,
      outChannels: 16,
      ...k5s2,
      ...transposed,
      outputPadding: 1,
    }),
    conv('transposed to an image', 17, {
      batch: 3,
      inChannels: 16,
      height: 6,
      width: 5,
      outChannels: 3,
      ...k5s2,
      ...transposed,
      outputPadding: 1,
    }),
    conv('transposed to an image, batch 1', 18, {
      batch: 1,
      inChannels: 8,
      height: 4,
      width: 4,
      outChannels: 3,
      ...k5s2,
      ...transposed,
      outputPadding: 1,
    }),
    conv('transposed 4×4 stride 2', 19, {
      batch: 2,
      inChannels: 6,
      height: 5,
      width: 3,
      outChannels: 17,
      kernelHeight: 4,
      kernelWidth: 4,
      stride: 2,
      padding: 1,
      ...transposed,
    }),
    conv('transposed 3×3 stride 1', 20, {
      batch: 2,
      inChannels: 9,
      height: 6,
      width: 6,
      outChannels: 5,
      kernelHeight: 3,
      kernelWidth: 3,
      stride: 1,
      padding: 1,
      ...transposed,
    }),
  ];
}

/** One GDN problem: effective parameters, an input and an output gradient. */
export interface GdnCase {
  readonly name: string;
  readonly attrs: GdnAttrs;
  readonly input: Float32Array;
  readonly beta: Float32Array;
  readonly gamma: Float32Array;
  readonly outputGrad: Float32Array;
}

function gdn(name: string, seed: number, attrs: GdnAttrs): GdnCase {
  const n = attrs.batch * attrs.channels * attrs.height * attrs.width;
  return {
    name,
    attrs,
    input: uniformFloats(n, -2, 2, seed),
    beta: uniformFloats(attrs.channels, 0.5, 1.5, seed + 1),
    gamma: uniformFloats(attrs.channels * attrs.channels, 0, 0.2, seed + 2),
    outputGrad: uniformFloats(n, -1, 1, seed + 3),
  };
}

/** GDN and IGDN, one block of positions and several (more than 256 per image). */
export function gdnCases(): GdnCase[] {
  return [
    gdn('GDN, 5 channels', 31, { batch: 2, channels: 5, height: 7, width: 9, inverse: false }),
    gdn('IGDN, 5 channels', 32, { batch: 2, channels: 5, height: 7, width: 9, inverse: true }),
    gdn('GDN, 16 channels, 2 blocks per image', 33, { batch: 3, channels: 16, height: 20, width: 20, inverse: false }),
    gdn('IGDN, 16 channels, 2 blocks per image', 34, { batch: 3, channels: 16, height: 20, width: 20, inverse: true }),
  ];
}

/** The first index where `actual` and `expected` differ by more than `exactness` allows, or -1. */
export function firstMismatch(actual: Float32Array, expected: Float32Array, exactness: Exactness): number {
  if (actual.length !== expected.length) return 0;
  const { atol, rtol } = exactness === 'bit-exact' ? { atol: 0, rtol: 0 } : exactness;
  for (let k = 0; k < expected.length; k++) {
    if (!(Math.abs(actual[k] - expected[k]) <= atol + rtol * Math.abs(expected[k]))) return k;
  }
  return -1;
}
