import { IntConv2d, type IntConv2dAttrs, runKernel, seededRandom } from '@lico/core';
import { describe, expect, test } from 'vitest';
import '../index.js';

const full = { shift: 0, clampMin: -(2 ** 31), clampMax: 2 ** 31 - 1, outputPadding: 0 };

describe('IntConv2d [js]', () => {
  test('a hand-computed 3×3 convolution with padding, rounding shift and clamp', async () => {
    const attrs: IntConv2dAttrs = {
      ...full,
      inChannels: 1,
      height: 2,
      width: 2,
      outChannels: 1,
      kernelHeight: 3,
      kernelWidth: 3,
      stride: 1,
      padding: 1,
      transposed: false,
      shift: 1,
      clampMin: -2,
      clampMax: 100,
    };
    // input [[1, 2], [3, 4]], kernel all ones except centre 2, bias 1:
    // acc = bias + Σ neighbours + centre: top-left 1 + (1+2+3+4) + 1 = 12 → (12 + 1) >> 1 = 6.
    const out = await runKernel(
      IntConv2d,
      { input: Int32Array.of(1, 2, 3, 4), weights: Int32Array.of(1, 1, 1, 1, 2, 1, 1, 1, 1), bias: Int32Array.of(1) },
      attrs,
      'js',
    );
    expect(Array.from(out)).toEqual([6, 7, 7, 8]);
    const negative = await runKernel(
      IntConv2d,
      {
        input: Int32Array.of(-9, -9, -9, -9),
        weights: Int32Array.of(0, 0, 0, 0, 1, 0, 0, 0, 0),
        bias: Int32Array.of(0),
      },
      attrs,
      'js',
    );
    expect(Array.from(negative)).toEqual([-2, -2, -2, -2]); // (−9 + 1) >> 1 = −4, clamped to −2
  });

  test.each([
    [1, 0, 3],
    [2, 1, 5],
    [2, 2, 4],
    [3, 1, 3],
  ])(
    'stride %i, padding %i, kernel %i: transposed convolution is the adjoint of convolution',
    async (stride, padding, k) => {
      const random = seededRandom(stride * 10 + k);
      const shape = { inChannels: 3, outChannels: 2, kernelHeight: k, kernelWidth: k, stride, padding };
      const [height, width] = [7, 7]; // square: one outputPadding serves both dimensions
      const weights = Int32Array.from({ length: 3 * 2 * k * k }, () => Math.round(random() * 20 - 10));
      const x = Int32Array.from({ length: 3 * height * width }, () => Math.round(random() * 20 - 10));
      const forward = { ...full, ...shape, height, width, transposed: false };
      const y = await runKernel(IntConv2d, { input: x, weights, bias: new Int32Array(2) }, forward, 'js');
      const outHeight = Math.floor((height + 2 * padding - k) / stride) + 1;
      const outWidth = Math.floor((width + 2 * padding - k) / stride) + 1;
      const z = Int32Array.from({ length: y.length }, () => Math.round(random() * 20 - 10));
      // Transposed with in/out swapped uses the same weight tensor ([C_in_fwd → as its input channels]).
      const pad = (n: number, out: number) => n - ((out - 1) * stride - 2 * padding + k);
      const backward = {
        ...full,
        inChannels: 2,
        outChannels: 3,
        kernelHeight: k,
        kernelWidth: k,
        stride,
        padding,
        height: outHeight,
        width: outWidth,
        transposed: true,
        outputPadding: pad(height, outHeight),
      };
      // The forward weights [2][3][k][k] read as transposed weights [in = 2][out = 3][k][k].
      expect(pad(width, outWidth)).toBe(backward.outputPadding);
      const xt = await runKernel(IntConv2d, { input: z, weights, bias: new Int32Array(3) }, backward, 'js');
      const dot = (a: Int32Array, b: Int32Array) => a.reduce((sum, v, i) => sum + v * b[i], 0);
      expect(xt.length).toBe(x.length);
      expect(dot(y, z)).toBe(dot(x, xt));
    },
  );
});
