import { Activation, ActivationBackprop, type ActivationKind, runKernel } from '@lico/core';
import { describe, expect, test } from 'vitest';
import '../index.js';

describe('Activation [js]', () => {
  const input = Float32Array.of(-3, -0.5, 0, 0.25, 2, 30);
  test('known values', async () => {
    const run = (kind: ActivationKind) => runKernel(Activation, { input }, { kind, negativeSlope: 0.1 }, 'js');
    expect(Array.from(await run('relu'))).toEqual([0, 0, 0, 0.25, 2, 30]);
    expect(Array.from(await run('leakyRelu'))).toEqual([-0.3, -0.05, 0, 0.25, 2, 30].map(Math.fround));
    expect((await run('sigmoid'))[2]).toBe(0.5);
    expect((await run('softplus'))[5]).toBe(30);
    expect((await run('softplus'))[2]).toBeCloseTo(Math.log(2), 7);
    expect((await runKernel(Activation, { input }, { kind: 'leakyRelu' }, 'js'))[0]).toBeCloseTo(-0.03, 7);
  });

  test.each(['relu', 'leakyRelu', 'sigmoid', 'tanh', 'softplus'] as const)(
    '%s′ matches finite differences',
    async (kind) => {
      const points = Float32Array.of(-2.5, -0.3, 0.4, 1.7);
      const grad = await runKernel(
        ActivationBackprop,
        { input: points, outputGrad: new Float32Array(4).fill(1) },
        { kind },
        'js',
      );
      const h = 1e-3;
      for (let k = 0; k < points.length; k++) {
        const at = (x: number) => runKernel(Activation, { input: Float32Array.of(x) }, { kind }, 'js');
        const numeric = ((await at(points[k] + h))[0] - (await at(points[k] - h))[0]) / (2 * h);
        expect(grad[k]).toBeCloseTo(numeric, 3);
      }
    },
  );
});
