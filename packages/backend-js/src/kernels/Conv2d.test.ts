import {
  Conv2d,
  type Conv2dAttrs,
  Conv2dBackpropFilter,
  Conv2dBackpropInput,
  conv2dOutputShape,
  runKernel,
} from '@lico/core';
import { conv2dCases, uniformFloats } from '@lico/core/conformance';
import { describe, expect, test } from 'vitest';
import '../index.js';

const dot = (a: Float32Array, b: Float32Array) => a.reduce((sum, v, k) => sum + v * b[k], 0);
const size = (attrs: Conv2dAttrs) => conv2dOutputShape(attrs).reduce((a, b) => a * b, 1);

describe('Conv2d [js]', () => {
  test('a hand-computed 3×3 convolution with padding and bias', async () => {
    const attrs: Conv2dAttrs = {
      batch: 1,
      inChannels: 1,
      height: 2,
      width: 2,
      outChannels: 1,
      kernelHeight: 3,
      kernelWidth: 3,
      stride: 1,
      padding: 1,
      transposed: false,
      outputPadding: 0,
    };
    const weights = Float32Array.of(1, 1, 1, 1, 2, 1, 1, 1, 1);
    const out = await runKernel(
      Conv2d,
      { input: Float32Array.of(1, 2, 3, 4), weights, bias: Float32Array.of(0.5) },
      attrs,
      'js',
    );
    // Every output sees all four inputs once, its own twice: 10 + own + 0.5.
    expect(Array.from(out)).toEqual([11.5, 12.5, 13.5, 14.5]);
  });

  test('a transposed convolution scatters each input through the kernel (PyTorch sizes)', async () => {
    const attrs: Conv2dAttrs = {
      batch: 1,
      inChannels: 1,
      height: 1,
      width: 2,
      outChannels: 1,
      kernelHeight: 2,
      kernelWidth: 2,
      stride: 2,
      padding: 0,
      transposed: true,
      outputPadding: 1,
    };
    expect(conv2dOutputShape(attrs)).toEqual([1, 1, 3, 5]);
    const out = await runKernel(
      Conv2d,
      { input: Float32Array.of(1, 10), weights: Float32Array.of(1, 2, 3, 4) },
      attrs,
      'js',
    );
    expect(Array.from(out)).toEqual([1, 2, 10, 20, 0, 3, 4, 30, 40, 0, 0, 0, 0, 0, 0]);
  });

  // ⟨dy, conv(x, w)⟩ = ⟨dx, x⟩ = ⟨dw, w⟩ (+ ⟨db, b⟩): the gradients are the adjoints of the forward pass.
  test.each(conv2dCases().map((c) => [c.name, c] as const))(
    'gradients are adjoint to the forward pass: %s',
    async (_, c) => {
      const forward = await runKernel(Conv2d, { input: c.input, weights: c.weights }, c.attrs, 'js');
      const value = dot(c.outputGrad, forward);
      const inputGrad = await runKernel(
        Conv2dBackpropInput,
        { outputGrad: c.outputGrad, weights: c.weights },
        c.attrs,
        'js',
      );
      expect(dot(inputGrad, c.input)).toBeCloseTo(value, 3);
      const { weightsGrad, biasGrad } = await runKernel(
        Conv2dBackpropFilter,
        { input: c.input, outputGrad: c.outputGrad },
        { ...c.attrs, hasBias: true },
        'js',
      );
      expect(dot(weightsGrad, c.weights)).toBeCloseTo(value, 3);
      const withBias = await runKernel(Conv2d, { input: c.input, weights: c.weights, bias: c.bias }, c.attrs, 'js');
      expect(dot(c.outputGrad, withBias) - value).toBeCloseTo(dot(biasGrad as Float32Array, c.bias), 3);
    },
  );

  test('a transposed convolution is the input gradient of the convolution with the same weights', async () => {
    const conv: Conv2dAttrs = {
      batch: 2,
      inChannels: 3,
      height: 8,
      width: 8,
      outChannels: 4,
      kernelHeight: 5,
      kernelWidth: 5,
      stride: 2,
      padding: 2,
      transposed: false,
      outputPadding: 0,
    };
    const [, , oh, ow] = conv2dOutputShape(conv);
    // The transposed layer maps 4 channels of oh × ow back to 3 channels of 8 × 8.
    const transposed: Conv2dAttrs = {
      ...conv,
      inChannels: 4,
      outChannels: 3,
      height: oh,
      width: ow,
      transposed: true,
      outputPadding: 1,
    };
    expect(conv2dOutputShape(transposed)).toEqual([2, 3, 8, 8]);
    const weights = uniformFloats(4 * 3 * 25, -1, 1, 5);
    const x = uniformFloats(size(conv), -1, 1, 6);
    const a = await runKernel(Conv2d, { input: x, weights }, transposed, 'js');
    const b = await runKernel(Conv2dBackpropInput, { outputGrad: x, weights }, conv, 'js');
    expect(Array.from(a)).toEqual(Array.from(b));
  });
});
