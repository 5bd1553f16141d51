import { Gdn, type GdnAttrs, GdnBackprop, runKernel } from '@lico/core';
import { gdnCases } from '@lico/core/conformance';
import { describe, expect, test } from 'vitest';
import '../index.js';

describe('Gdn [js]', () => {
  test('one channel: x / sqrt(beta + gamma·x²), and x · sqrt(…) inverse', async () => {
    const attrs: GdnAttrs = { batch: 1, channels: 1, height: 1, width: 2, inverse: false };
    const inputs = { input: Float32Array.of(2, -1), beta: Float32Array.of(1), gamma: Float32Array.of(0.75) };
    const { output, norm } = await runKernel(Gdn, inputs, attrs, 'js');
    expect(Array.from(norm)).toEqual([4, 1.75]);
    expect(output[0]).toBeCloseTo(1, 6);
    expect(output[1]).toBeCloseTo(-1 / Math.sqrt(1.75), 6);
    const inverse = await runKernel(Gdn, inputs, { ...attrs, inverse: true }, 'js');
    expect(inverse.output[0]).toBeCloseTo(4, 6);
  });

  // Central differences of L = Σ outputGrad · Gdn(…) in float64 (the reference computes each
  // output in float64 and rounds it once).
  test.each(
    gdnCases()
      .slice(0, 2)
      .map((c) => [c.name, c] as const),
  )('gradients match finite differences: %s', async (_, c) => {
    const loss = async (input: Float32Array, beta: Float32Array, gamma: Float32Array) => {
      const { output } = await runKernel(Gdn, { input, beta, gamma }, c.attrs, 'js');
      return output.reduce((sum, v, k) => sum + v * c.outputGrad[k], 0);
    };
    const { norm } = await runKernel(Gdn, c, c.attrs, 'js');
    const grads = await runKernel(
      GdnBackprop,
      { input: c.input, norm, outputGrad: c.outputGrad, gamma: c.gamma },
      c.attrs,
      'js',
    );
    const h = 1e-2;
    const probe = async (name: 'input' | 'beta' | 'gamma', k: number) => {
      const plus = { input: c.input.slice(), beta: c.beta.slice(), gamma: c.gamma.slice() };
      const minus = { input: c.input.slice(), beta: c.beta.slice(), gamma: c.gamma.slice() };
      plus[name][k] += h;
      minus[name][k] -= h;
      return (
        ((await loss(plus.input, plus.beta, plus.gamma)) - (await loss(minus.input, minus.beta, minus.gamma))) / (2 * h)
      );
    };
    // The O(h²) truncation error of central differences stays well below 1e-3 relative.
    const close = (analytic: number, numeric: number) =>
      expect(Math.abs(analytic - numeric)).toBeLessThan(1e-3 * (1 + Math.abs(numeric)));
    for (const k of [0, 7, 33, 100]) close(grads.inputGrad[k], await probe('input', k));
    for (const k of [0, 3]) close(grads.betaGrad[k], await probe('beta', k));
    for (const k of [0, 6, 19]) close(grads.gammaGrad[k], await probe('gamma', k));
  });
});
