import '@lico/backend-js';
import '@lico/backend-native';
import { seededRandom } from '@lico/core';
import { describe, expect, test } from 'vitest';
import { Adam, CheckerboardGmm, noGrad, setTrainBackend, trainStep, Variable } from '../src/index.js';

const batch = (seed: number, shape = [2, 3, 64, 64]) => {
  const random = seededRandom(seed);
  return new Variable(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, random), shape);
};

describe('CheckerboardGmm', () => {
  test('the names and shapes of @lico/models’ lico-checkerboard-gmm', () => {
    const model = new CheckerboardGmm({ N: 8, M: 12 });
    const shapes = Object.fromEntries([...model.parameters.stateDict()].map(([name, t]) => [name, t.shape]));
    expect(CheckerboardGmm.id).toBe('lico-checkerboard-gmm');
    expect(shapes['h_a.0.weight']).toEqual([8, 12, 3, 3]);
    expect(shapes['h_s.0.weight']).toEqual([8, 12, 5, 5]);
    expect(shapes['h_s.2.weight']).toEqual([12, 18, 5, 5]);
    expect(shapes['h_s.4.weight']).toEqual([24, 18, 3, 3]);
    expect(shapes['context_prediction.weight']).toEqual([24, 12, 5, 5]);
    expect(shapes['entropy_parameters.0.weight']).toEqual([40, 48, 1, 1]);
    expect(shapes['entropy_parameters.2.weight']).toEqual([32, 40, 1, 1]);
    expect(shapes['entropy_parameters.4.weight']).toEqual([108, 32, 1, 1]);
    expect(() => new CheckerboardGmm({ N: 8, M: 10 })).toThrow(/multiple of 6/);
  });

  test('the loss falls; the context learns only from anchors, through the checkerboard taps [js]', async () => {
    await setTrainBackend('js');
    const model = new CheckerboardGmm({ N: 4, M: 6 }, { seed: 1 });
    const x = batch(2);
    const out = noGrad(() => model.forward(x, { random: seededRandom(3) }));
    expect(out.xHat.shape).toEqual([2, 3, 64, 64]);
    expect(out.likelihoods.y.shape).toEqual([2, 6, 4, 4]);
    const main = new Adam(model.parameters.group('main'), { learningRate: 1e-2 });
    const aux = new Adam(model.parameters.group('aux'), { learningRate: 1e-3 });
    const losses: number[] = [];
    for (let k = 0; k < 6; k++) {
      losses.push(
        trainStep(model, x, { main, aux }, { lambda: 0.01, random: seededRandom(4), quantization: 'mixed' }).loss,
      );
    }
    expect(losses[5]).toBeLessThan(losses[0]);
    const grad = model.parameters.get('context_prediction.weight').grad as Float32Array;
    let masked = 0;
    let kept = 0;
    grad.forEach((g, k) => {
      const tap = k % 25;
      if ((Math.floor(tap / 5) + (tap % 5)) % 2 === 1) kept += Math.abs(g);
      else masked += Math.abs(g);
    });
    expect(masked).toBe(0);
    expect(kept).toBeGreaterThan(0);
  });
});
