import { seededRandom } from '@lico/core';
import {
  AttentionBlock,
  Conv2d,
  ConvTranspose2d,
  conv,
  deconv,
  type FloatTensor,
  floatTensor,
  GDN,
  IGDN,
  type Layer,
  LeakyReLU,
  MaskedConv2d,
  PixelShuffle,
  ReLU,
  ResidualBlock,
  ResidualBlockUpsample,
  ResidualBlockWithStride,
  Sequential,
  subpelConv3x3,
} from '../src/index.js';

/** A layer, seeded, and the input dims it is tested on. */
export interface LayerCase {
  readonly name: string;
  readonly layer: Layer;
  readonly dims: readonly [number, number, number, number];
}

/** Values in [−2, 2) from a seed. */
export function randomInput(dims: readonly number[], seed: number): FloatTensor {
  const random = seededRandom(seed);
  const size = dims.reduce((a, b) => a * b, 1);
  return floatTensor(
    Float32Array.from({ length: size }, () => random() * 4 - 2),
    dims,
  );
}

/**
 * A GDN whose stored β and γ are random (not the identity-like initialization), including
 * entries below the lower bounds, so that the reparametrization is exercised.
 */
export function randomGdn(channels: number, seed: number, inverse = false): GDN {
  const gdn = inverse ? new IGDN(channels) : new GDN(channels);
  const random = seededRandom(seed);
  gdn.beta.data.set(Float32Array.from(gdn.beta.data, () => random() * 1.5));
  gdn.gamma.data.set(Float32Array.from(gdn.gamma.data, () => random() * 0.5 - 0.1));
  gdn.markChanged();
  return gdn;
}

/** A small bmshj2018-like analysis transform (÷8): conv, GDN, conv, GDN, conv. */
export function smallAnalysis(seed: number, n = 8, m = 12): Sequential {
  const gA = new Sequential(conv(3, n), new GDN(n), conv(n, n), new GDN(n), conv(n, m)).initialize(seed);
  for (const i of [1, 3]) {
    (gA.at(i) as GDN).gamma.data.set(randomGdn(n, seed + i).gamma.data);
    gA.at(i)?.markChanged();
  }
  return gA;
}

/** The matching synthesis transform (×8): deconv, IGDN, deconv, IGDN, deconv. */
export function smallSynthesis(seed: number, n = 8, m = 12): Sequential {
  const gS = new Sequential(deconv(m, n), new IGDN(n), deconv(n, n), new IGDN(n), deconv(n, 3)).initialize(seed);
  for (const i of [1, 3]) {
    (gS.at(i) as GDN).gamma.data.set(randomGdn(n, seed + i, true).gamma.data);
    gS.at(i)?.markChanged();
  }
  return gS;
}

/**
 * One case per layer kind (and mask type), with batches of 1 and 2 and odd sizes. The 6-channel
 * inputs into 8 or 16 channels (subpel_conv3x3, ResidualBlock, ResidualBlockWithStride) are the
 * shapes that onnxruntime-web's WebGPU EP got wrong in NHWC layout (docs/transforms.md).
 */
export function layerCases(): LayerCase[] {
  return [
    { name: 'Conv2d 5×5 stride 2', layer: conv(5, 7).initialize(1), dims: [2, 5, 13, 10] },
    {
      name: 'Conv2d 3×3 no bias',
      layer: new Conv2d(4, 6, 3, { padding: 1, bias: false }).initialize(2),
      dims: [1, 4, 9, 11],
    },
    { name: 'ConvTranspose2d (deconv 5, stride 2)', layer: deconv(6, 5).initialize(3), dims: [2, 6, 7, 5] },
    {
      name: 'ConvTranspose2d 3×3 stride 3, padding 1',
      layer: new ConvTranspose2d(4, 3, 3, { stride: 3, padding: 1, outputPadding: 2 }).initialize(4),
      dims: [1, 4, 5, 6],
    },
    { name: 'subpel_conv3x3 r=2', layer: subpelConv3x3(6, 4, 2).initialize(5), dims: [1, 6, 7, 9] },
    { name: 'PixelShuffle 3', layer: new PixelShuffle(3), dims: [1, 18, 4, 5] },
    { name: 'GDN', layer: randomGdn(6, 6), dims: [2, 6, 9, 8] },
    { name: 'IGDN', layer: randomGdn(6, 7, true), dims: [1, 6, 9, 8] },
    { name: 'ReLU', layer: new ReLU(), dims: [1, 3, 5, 7] },
    { name: 'LeakyReLU 0.2', layer: new LeakyReLU(0.2), dims: [1, 3, 5, 7] },
    { name: 'ResidualBlock (skip)', layer: new ResidualBlock(6, 8).initialize(8), dims: [1, 6, 10, 9] },
    { name: 'ResidualBlock (identity)', layer: new ResidualBlock(6, 6).initialize(9), dims: [2, 6, 8, 8] },
    { name: 'ResidualBlockWithStride', layer: new ResidualBlockWithStride(6, 8).initialize(10), dims: [1, 6, 12, 10] },
    { name: 'ResidualBlockUpsample', layer: new ResidualBlockUpsample(8, 6).initialize(11), dims: [1, 8, 6, 5] },
    { name: 'AttentionBlock', layer: new AttentionBlock(8).initialize(12), dims: [1, 8, 9, 10] },
    { name: "MaskedConv2d 'A'", layer: new MaskedConv2d(5, 6, 5, { padding: 2 }).initialize(13), dims: [1, 5, 9, 9] },
    {
      name: "MaskedConv2d 'B'",
      layer: new MaskedConv2d(5, 6, 5, { padding: 2, maskType: 'B' }).initialize(14),
      dims: [1, 5, 9, 9],
    },
    {
      name: 'MaskedConv2d checkerboard',
      layer: new MaskedConv2d(5, 6, 5, { padding: 2, maskType: 'checkerboard' }).initialize(15),
      dims: [1, 5, 9, 9],
    },
    { name: 'bmshj2018-like g_a', layer: smallAnalysis(16), dims: [2, 3, 40, 24] },
    { name: 'bmshj2018-like g_s', layer: smallSynthesis(17), dims: [1, 12, 5, 3] },
  ];
}
