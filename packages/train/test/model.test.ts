import '@lico/backend-js';
import '@lico/backend-native';
import { seededRandom } from '@lico/core';
import { describe, expect, test } from 'vitest';
import {
  Adam,
  backward,
  benchTrain,
  noGrad,
  ScaleHyperprior,
  setTrainBackend,
  sum,
  trainStep,
  Variable,
} from '../src/index.js';

const batch = (seed: number, shape = [2, 3, 64, 64]) => {
  const random = seededRandom(seed);
  return new Variable(Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, random), shape);
};

describe('ScaleHyperprior', () => {
  test("CompressAI's bmshj2018-hyperprior state-dict names and shapes", () => {
    const model = new ScaleHyperprior({ N: 8, M: 12 });
    const shapes = Object.fromEntries([...model.parameters.stateDict()].map(([name, t]) => [name, t.shape]));
    expect(ScaleHyperprior.id).toBe('bmshj2018-hyperprior');
    expect(shapes['g_a.0.weight']).toEqual([8, 3, 5, 5]);
    expect(shapes['g_a.1.gamma']).toEqual([8, 8]);
    expect(shapes['g_a.6.weight']).toEqual([12, 8, 5, 5]);
    expect(shapes['g_s.0.weight']).toEqual([12, 8, 5, 5]);
    expect(shapes['g_s.5.beta']).toEqual([8]);
    expect(shapes['g_s.6.weight']).toEqual([8, 3, 5, 5]);
    expect(shapes['g_s.6.bias']).toEqual([3]);
    expect(shapes['h_a.0.weight']).toEqual([8, 12, 3, 3]);
    expect(shapes['h_s.4.weight']).toEqual([12, 8, 3, 3]);
    expect(Object.keys(shapes).filter((k) => !k.startsWith('entropy_bottleneck'))).toEqual(
      ['g_a', 'g_s']
        .flatMap((t) =>
          [0, 1, 2, 3, 4, 5, 6].flatMap((i) =>
            i % 2 ? [`${t}.${i}.beta`, `${t}.${i}.gamma`] : [`${t}.${i}.weight`, `${t}.${i}.bias`],
          ),
        )
        .concat(['h_a', 'h_s'].flatMap((t) => [0, 2, 4].flatMap((i) => [`${t}.${i}.weight`, `${t}.${i}.bias`]))),
    );
  });

  test('forward shapes, and the loss falls over a few steps [js]', async () => {
    await setTrainBackend('js');
    const model = new ScaleHyperprior({ N: 4, M: 6 }, { seed: 1 });
    const x = batch(2);
    const out = noGrad(() => model.forward(x, { random: seededRandom(3) }));
    expect(out.xHat.shape).toEqual([2, 3, 64, 64]);
    expect(out.likelihoods.y.shape).toEqual([2, 6, 4, 4]);
    expect(out.likelihoods.z.shape).toEqual([2, 4, 1, 1]);
    const main = new Adam(model.parameters.group('main'), { learningRate: 1e-2 });
    const aux = new Adam(model.parameters.group('aux'), { learningRate: 1e-3 });
    const losses: number[] = [];
    for (let k = 0; k < 6; k++)
      losses.push(trainStep(model, x, { main, aux }, { lambda: 0.01, random: seededRandom(4) }).loss);
    expect(losses[5]).toBeLessThan(losses[0]);
  });

  test('mixed quantization and MS-SSIM train too [js]', async () => {
    await setTrainBackend('js');
    const model = new ScaleHyperprior({ N: 4, M: 4 }, { seed: 1 });
    const main = new Adam(model.parameters.group('main'));
    const step = trainStep(
      model,
      batch(5, [1, 3, 192, 192]),
      { main },
      {
        lambda: 5,
        metric: 'ms-ssim',
        quantization: 'mixed',
        random: seededRandom(6),
      },
    );
    expect(step.msSsim).toBeGreaterThan(-1);
    expect(step.msSsim).toBeLessThan(1);
    expect(step.auxLoss).toBeUndefined();
  });

  test('a training step on native equals the js reference', async () => {
    const run = async (backend: string) => {
      await setTrainBackend(backend);
      const model = new ScaleHyperprior({ N: 16, M: 16 }, { seed: 7 });
      const main = new Adam(model.parameters.group('main'), { learningRate: 1e-3 });
      const aux = new Adam(model.parameters.group('aux'), { learningRate: 1e-3 });
      const results = [0, 1].map(() =>
        trainStep(model, batch(8), { main, aux }, { lambda: 0.01, random: seededRandom(9) }),
      );
      return { results, values: model.parameters.values };
    };
    const js = await run('js');
    const native = await run('native');
    for (const k of [0, 1]) {
      expect(native.results[k].loss).toBeCloseTo(js.results[k].loss, 2);
      expect(native.results[k].bpp).toBeCloseTo(js.results[k].bpp, 4);
    }
    let worst = 0;
    for (let k = 0; k < js.values.length; k++) worst = Math.max(worst, Math.abs(js.values[k] - native.values[k]));
    expect(worst).toBeLessThan(1e-4);
  });

  test('benchTrain measures steps [js]', async () => {
    await setTrainBackend('js');
    const result = await benchTrain({ N: 4, M: 4, batch: 1, crop: 64, steps: 2, warmup: 1, profile: true });
    expect(result.steps).toHaveLength(2);
    expect(result.secondsPerStep).toBeGreaterThan(0);
    expect(result.profile?.some((p) => p.name === 'Conv2d')).toBe(true);
    await expect(benchTrain({ N: 4, M: 4, batch: 1, crop: 100 })).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });
});

describe('frozen parameters', () => {
  test('take no gradient: a backward pass reaches the latents only [js]', async () => {
    await setTrainBackend('js');
    const model = new ScaleHyperprior({ N: 4, M: 6 }, { seed: 1, frozen: true });
    const x = batch(3, [1, 3, 32, 32]);
    const latents = new Variable(
      batch(4, [1, 6, 2, 2]).data.map((v) => 4 * v - 2),
      [1, 6, 2, 2],
      {
        requiresGrad: true,
      },
    );
    const out = model.forward(x, { random: seededRandom(5), quantization: 'mixed', latents });
    expect(out.xHat.shape).toEqual([1, 3, 32, 32]);
    backward(sum(out.likelihoods.y));
    expect(model.parameters.grads.every((g) => g === 0)).toBe(true);
    expect(latents.grad?.some((g) => g !== 0)).toBe(true);
  });
});
