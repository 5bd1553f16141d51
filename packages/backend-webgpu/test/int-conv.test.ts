import '@lico/backend-js';
import { IntConv2d, type IntConv2dAttrs, type IntConv2dInputs, runKernel, seededRandom } from '@lico/core';
import { intConvCases } from '@lico/core/conformance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWebGpuBackend, type WebGpuBackend } from '../src/index.js';

/** Random shapes (kernels wider than the image, padding past the kernel, every stride to 3). */
function randomCases(count: number): { inputs: IntConv2dInputs; attrs: IntConv2dAttrs }[] {
  const random = seededRandom(20240611);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const cases: { inputs: IntConv2dInputs; attrs: IntConv2dAttrs }[] = [];
  while (cases.length < count) {
    const transposed = random() < 0.5;
    const stride = int(1, 3);
    const attrs: IntConv2dAttrs = {
      inChannels: int(1, 4),
      height: int(1, 9),
      width: int(1, 9),
      outChannels: int(1, 20),
      kernelHeight: int(1, 5),
      kernelWidth: int(1, 5),
      stride,
      padding: int(0, 3),
      transposed,
      outputPadding: transposed ? int(0, stride - 1) : 0,
      shift: int(0, 12),
      clampMin: -int(0, 3000),
      clampMax: int(0, 3000),
    };
    const [, oh, ow] = [
      0,
      transposed
        ? (attrs.height - 1) * stride - 2 * attrs.padding + attrs.kernelHeight + attrs.outputPadding
        : Math.floor((attrs.height + 2 * attrs.padding - attrs.kernelHeight) / stride) + 1,
      transposed
        ? (attrs.width - 1) * stride - 2 * attrs.padding + attrs.kernelWidth + attrs.outputPadding
        : Math.floor((attrs.width + 2 * attrs.padding - attrs.kernelWidth) / stride) + 1,
    ];
    if (oh < 1 || ow < 1) continue;
    const taps = attrs.kernelHeight * attrs.kernelWidth;
    cases.push({
      attrs,
      inputs: {
        input: Int32Array.from({ length: attrs.inChannels * attrs.height * attrs.width }, () => int(-255, 255)),
        weights: Int32Array.from({ length: attrs.inChannels * attrs.outChannels * taps }, () => int(-127, 127)),
        bias: Int32Array.from({ length: attrs.outChannels }, () => int(-5000, 5000)),
      },
    });
  }
  return cases;
}

// Tiny chunks: most calls cross channel boundaries, and larger planes are cut inside a channel.
describe('IntConv2d [webgpu]', () => {
  let backend: WebGpuBackend;
  let tiny: WebGpuBackend;
  beforeAll(async () => {
    backend = await createWebGpuBackend();
    tiny = await createWebGpuBackend({ maxChunkSymbols: 29 });
  });
  afterAll(() => {
    backend?.dispose();
    tiny?.dispose();
  });

  test('matches js on random shapes, whole and in chunks', async () => {
    for (const [k, c] of randomCases(40).entries()) {
      const expected = await runKernel(IntConv2d, c.inputs, c.attrs, 'js');
      expect(await runKernel(IntConv2d, c.inputs, c.attrs, backend), `case ${k}`).toEqual(expected);
      expect(await runKernel(IntConv2d, c.inputs, c.attrs, tiny), `case ${k} chunked`).toEqual(expected);
    }
  });

  test('matches js on the conformance cases in chunks', async () => {
    for (const c of intConvCases()) {
      const expected = await runKernel(IntConv2d, c.inputs, c.attrs, 'js');
      expect(await runKernel(IntConv2d, c.inputs, c.attrs, tiny), c.name).toEqual(expected);
    }
  });
});
