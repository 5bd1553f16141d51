import { isLicoError } from '@lico/core';
import { describe, expect, test } from 'vitest';
import { randomInput } from '../../test/layer-cases.js';
import {
  AttentionBlock,
  Conv2d,
  ConvTranspose2d,
  conv,
  deconv,
  floatTensor,
  GDN,
  IGDN,
  kernelMask,
  LeakyReLU,
  MaskedConv2d,
  PixelShuffle,
  ResidualBlock,
  ResidualBlockUpsample,
  Sequential,
  subpelConv3x3,
} from '../index.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, i) => sum + v * b[i], 0);
const expectCode = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    expect(isLicoError(error, 'LICO_INVALID_ARGUMENT'), String(error)).toBe(true);
    return;
  }
  throw new Error('expected LICO_INVALID_ARGUMENT');
};

describe('reference forwards', () => {
  test('Conv2d computes a hand-checked convolution', () => {
    const layer = new Conv2d(1, 1, 2);
    layer.weight.data.set([1, 0, 0, -1]);
    layer.bias?.data.set([0.5]);
    const x = floatTensor(
      Float32Array.from({ length: 9 }, (_, i) => i + 1),
      [1, 1, 3, 3],
    );
    expect([...layer.forward(x).data]).toEqual([-3.5, -3.5, -3.5, -3.5]);
  });

  test.each([
    [1, 0, 3],
    [2, 2, 5],
    [3, 1, 3],
  ])('ConvTranspose2d (stride %i, padding %i, kernel %i) is the adjoint of Conv2d with the same weight', (s, p, k) => {
    const forward = new Conv2d(3, 4, k, { stride: s, padding: p, bias: false }).initialize(s);
    const x = randomInput([2, 3, 9, 9], 1);
    const y = forward.forward(x);
    const outputPadding = 9 - ((y.dims[2] - 1) * s - 2 * p + k);
    const adjoint = new ConvTranspose2d(4, 3, k, { stride: s, padding: p, outputPadding, bias: false });
    adjoint.weight.data.set(forward.weight.data);
    const probe = randomInput(y.dims, 2);
    const back = adjoint.forward(probe);
    expect(back.dims).toEqual(x.dims);
    expect(dot(y.data, probe.data)).toBeCloseTo(dot(x.data, back.data), 3);
  });

  test('PixelShuffle puts channel c·r² + i·r + j at offset (i, j), as PyTorch', () => {
    const x = floatTensor(Float32Array.of(0, 1, 2, 3, 10, 11, 12, 13), [1, 8, 1, 1]);
    const y = new PixelShuffle(2).forward(x);
    expect(y.dims).toEqual([1, 2, 2, 2]);
    expect([...y.data]).toEqual([0, 1, 2, 3, 10, 11, 12, 13]);
    const wide = floatTensor(Float32Array.of(0, 1, 2, 3, 4, 5, 6, 7), [1, 4, 1, 2]);
    expect([...new PixelShuffle(2).forward(wide).data]).toEqual([0, 2, 1, 3, 4, 6, 5, 7]);
  });

  test('GDN and IGDN compute x / √(β + γ x²) and x · √(β + γ x²), with γ[i, j] weighting x_j for output i', () => {
    const gdn = new GDN(2);
    gdn.beta.data.set(gdn.betaReparam.init([0.5, 2]));
    gdn.gamma.data.set(gdn.gammaReparam.init([0.1, 0.3, 0, 0.2]));
    const x = floatTensor(Float32Array.of(1.5, -2), [1, 2, 1, 1]);
    const norm = [0.5 + 0.1 * 2.25 + 0.3 * 4, 2 + 0.2 * 4];
    const y = gdn.forward(x);
    expect(y.data[0]).toBeCloseTo(1.5 / Math.sqrt(norm[0]), 6);
    expect(y.data[1]).toBeCloseTo(-2 / Math.sqrt(norm[1]), 6);
    const igdn = new IGDN(2).loadStateDict(gdn.stateDict());
    expect(igdn.forward(x).data[1]).toBeCloseTo(-2 * Math.sqrt(norm[1]), 5);
  });

  test("GDN's reparametrization is CompressAI's: pedestal 2^-36, bounds, initial β = 1 and γ = 0.1·I", () => {
    const gdn = new GDN(3);
    expect(gdn.betaReparam.pedestal.data[0]).toBe(2 ** -36);
    expect(gdn.betaReparam.lowerBound.bound.data[0]).toBe(Math.fround(Math.sqrt(1e-6 + 2 ** -36)));
    expect(gdn.gammaReparam.lowerBound.bound.data[0]).toBe(2 ** -18);
    expect(gdn.beta.data[0]).toBe(Math.fround(Math.sqrt(1 + 2 ** -36)));
    expect(gdn.gamma.data[1]).toBe(2 ** -18); // √max(0 + π, π) off the diagonal
    expect([...gdn.effectiveBeta()]).toEqual([1, 1, 1]);
    const gamma = gdn.effectiveGamma();
    expect(gamma[0]).toBeCloseTo(0.1, 7);
    expect(gamma[1]).toBe(0);
    // Stored values below the bound are lifted to it: β ≥ 1e-6, γ ≥ 0.
    gdn.beta.data.fill(0);
    gdn.gamma.data.fill(-3);
    expect(gdn.effectiveBeta()[0]).toBeCloseTo(1e-6, 12);
    expect(Math.min(...gdn.effectiveGamma())).toBe(0);
  });

  test('LeakyReLU has slope 0.01 by default', () => {
    const y = new LeakyReLU().forward(floatTensor(Float32Array.of(-2, 3), [1, 2, 1, 1]));
    expect([...y.data]).toEqual([Math.fround(-0.02), 3]);
  });

  test('ResidualBlock and ResidualBlockUpsample add their branches as CompressAI does', () => {
    const block = new ResidualBlock(4, 6).initialize(3);
    const x = randomInput([1, 4, 6, 5], 4);
    const relu = (t: Float32Array) => t.map((v) => (v >= 0 ? v : Math.fround(0.01) * v));
    const main = relu(block.conv2.forward(floatTensor(relu(block.conv1.forward(x).data), [1, 6, 6, 5])).data);
    const skip = block.skip?.forward(x).data as Float32Array;
    const y = block.forward(x).data;
    for (let i = 0; i < y.length; i += 7) expect(y[i]).toBeCloseTo(main[i] + skip[i], 5);

    const up = new ResidualBlockUpsample(4, 2).initialize(5);
    expect(up.forward(x).dims).toEqual([1, 2, 12, 10]);
    expect([...up.stateDict().keys()].filter((k) => k.endsWith('weight'))).toEqual([
      'subpel_conv.0.weight',
      'conv.weight',
      'upsample.0.weight',
    ]);
  });

  test('AttentionBlock is a · sigmoid(b) + x', () => {
    const block = new AttentionBlock(4).initialize(6);
    const x = randomInput([1, 4, 5, 5], 7);
    const a = block.convA.forward(x).data;
    const b = block.convB.forward(x).data;
    const y = block.forward(x).data;
    for (let i = 0; i < y.length; i += 5) expect(y[i]).toBeCloseTo(a[i] / (1 + Math.exp(-b[i])) + x.data[i], 5);
    expect(block.stateDict().has('conv_b.3.weight')).toBe(true);
    expect(block.stateDict().has('conv_a.2.conv.4.bias')).toBe(true);
  });
});

describe('masked convolutions', () => {
  const pattern = (type: 'A' | 'B' | 'checkerboard') =>
    Array.from({ length: 5 }, (_, i) => [...kernelMask(type, [1, 1, 5, 5]).slice(i * 5, i * 5 + 5)].join(''));

  test("masks 'A' and 'B' as CompressAI; checkerboard keeps taps with odd row + column", () => {
    expect(pattern('A')).toEqual(['11111', '11111', '11000', '00000', '00000']);
    expect(pattern('B')).toEqual(['11111', '11111', '11100', '00000', '00000']);
    expect(pattern('checkerboard')).toEqual(['01010', '10101', '01010', '10101', '01010']);
  });

  test('the mask applies to the stored weight without changing it, and a bad type is rejected', () => {
    const layer = new MaskedConv2d(1, 1, 3, { padding: 1, maskType: 'checkerboard' });
    layer.weight.data.fill(1);
    expect([...layer.effectiveWeight()]).toEqual([0, 1, 0, 1, 0, 1, 0, 1, 0]);
    expect([...layer.weight.data]).toEqual(new Array(9).fill(1));
    expectCode(() => new MaskedConv2d(1, 1, 3, { maskType: 'C' as 'A' }));
  });
});

describe('shapes and geometry', () => {
  test("CompressAI's conv, deconv and subpel_conv3x3 scale exactly", () => {
    expect(conv(3, 8).outputShape([2, 3, 32, 48])).toEqual([2, 8, 16, 24]);
    expect(deconv(8, 3).outputShape([2, 8, 16, 24])).toEqual([2, 3, 32, 48]);
    expect(subpelConv3x3(8, 4, 2).outputShape([1, 8, 5, 7])).toEqual([1, 4, 10, 14]);
  });

  test('a chain reports its scale, size multiple and regularity', () => {
    const gA = new Sequential(conv(3, 8), new GDN(8), conv(8, 8), new GDN(8), conv(8, 12));
    expect(gA.spatial).toEqual({ up: 1, down: 8, multiple: 8, regular: true });
    const gS = new Sequential(deconv(12, 8), new IGDN(8), deconv(8, 3));
    expect(gS.spatial).toEqual({ up: 4, down: 1, multiple: 1, regular: true });
    expect(new Sequential(conv(3, 3), deconv(3, 3)).spatial).toEqual({ up: 1, down: 1, multiple: 2, regular: true });
    expect(new Conv2d(3, 3, 3).spatial.regular).toBe(false);
  });

  test('wrong inputs and arguments throw LICO_INVALID_ARGUMENT', () => {
    expectCode(() => conv(3, 8).forward(randomInput([1, 4, 8, 8], 1)));
    expectCode(() => new Conv2d(3, 3, 5).outputShape([1, 3, 4, 4]));
    expectCode(() => new ConvTranspose2d(3, 3, 3, { stride: 2, outputPadding: 2 }));
    expectCode(() => new PixelShuffle(2).outputShape([1, 6, 2, 2]));
    expectCode(() => new Conv2d(0, 3, 3));
    expectCode(() => new GDN(2).forward(floatTensor(new Float32Array(4), [2, 2])));
  });
});
