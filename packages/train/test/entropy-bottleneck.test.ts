import '@lico/backend-js';
import { seededRandom } from '@lico/core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  backward,
  constant,
  entropyBottleneckAuxLoss,
  entropyBottleneckLikelihood,
  entropyBottleneckMedians,
  entropyBottleneckSpecs,
  mul,
  noGrad,
  Parameters,
  setTrainBackend,
  sum,
  Variable,
} from '../src/index.js';

beforeAll(async () => {
  await setTrainBackend('js');
});

const C = 2;
const make = () => Parameters.create(entropyBottleneckSpecs('entropy_bottleneck', C), 3);

describe('entropy bottleneck [js]', () => {
  test("CompressAI's names, shapes and initial values", () => {
    const params = make();
    const shapes = Object.fromEntries([...params.stateDict()].map(([name, t]) => [name, t.shape]));
    expect(shapes).toEqual({
      'entropy_bottleneck._matrix0': [C, 3, 1],
      'entropy_bottleneck._bias0': [C, 3, 1],
      'entropy_bottleneck._factor0': [C, 3, 1],
      'entropy_bottleneck._matrix1': [C, 3, 3],
      'entropy_bottleneck._bias1': [C, 3, 1],
      'entropy_bottleneck._factor1': [C, 3, 1],
      'entropy_bottleneck._matrix2': [C, 3, 3],
      'entropy_bottleneck._bias2': [C, 3, 1],
      'entropy_bottleneck._factor2': [C, 3, 1],
      'entropy_bottleneck._matrix3': [C, 3, 3],
      'entropy_bottleneck._bias3': [C, 3, 1],
      'entropy_bottleneck._factor3': [C, 3, 1],
      'entropy_bottleneck._matrix4': [C, 1, 3],
      'entropy_bottleneck._bias4': [C, 1, 1],
      'entropy_bottleneck.quantiles': [C, 1, 3],
    });
    // init = log(expm1(1 / scale / out)), scale = 10^(1/5).
    const scale = 10 ** 0.2;
    expect(params.get('entropy_bottleneck._matrix1').data[0]).toBeCloseTo(Math.log(Math.expm1(1 / scale / 3)), 6);
    expect(params.get('entropy_bottleneck._matrix4').data[0]).toBeCloseTo(Math.log(Math.expm1(1 / scale)), 6);
    expect(Array.from(params.get('entropy_bottleneck.quantiles').data)).toEqual([-10, 0, 10, -10, 0, 10]);
    expect(Array.from(entropyBottleneckMedians(params))).toEqual([0, 0]);
    expect(params.groups()).toEqual(['main', 'aux']);
  });

  test('the likelihoods of all integers add up to 1 per channel', () => {
    const params = make();
    const values = Float32Array.from({ length: 2 * 201 }, (_, k) => (k % 201) - 100);
    // [1, C, 1, 201]: channel c holds −100 … 100.
    const p = noGrad(() => entropyBottleneckLikelihood(new Variable(values, [1, C, 1, 201]), params));
    for (let c = 0; c < C; c++) {
      const total = p.data.subarray(c * 201, (c + 1) * 201).reduce((a, b) => a + b, 0);
      // At init the density is wide: about 1e-4 of it lies beyond ±100.
      expect(total).toBeCloseTo(1, 3);
    }
  });

  test('gradients of z and of every parameter match central differences', () => {
    const params = make();
    const random = seededRandom(5);
    // Train the factors away from 0 so that their gradients are not trivially zero.
    params.get('entropy_bottleneck._factor1').data.set([0.3, -0.2, 0.1, 0.4, -0.1, 0.2]);
    const z = Float32Array.from({ length: 2 * C * 3 }, () => random() * 6 - 3);
    const r = Float32Array.from({ length: z.length }, () => random() * 2 - 1);
    const loss = (zData: Float32Array) => {
      const p = entropyBottleneckLikelihood(new Variable(zData, [2, C, 1, 3], { requiresGrad: true }), params);
      return sum(mul(p, constant(r, p.shape)));
    };
    const zVar = new Variable(z.slice(), [2, C, 1, 3], { requiresGrad: true });
    const p = entropyBottleneckLikelihood(zVar, params);
    backward(sum(mul(p, constant(r, p.shape))));
    const h = 1e-2;
    const numeric = (bump: (d: number) => void) => {
      bump(h);
      const plus = noGrad(() => loss(z).item());
      bump(-2 * h);
      const minus = noGrad(() => loss(z).item());
      bump(h);
      return (plus - minus) / (2 * h);
    };
    for (let k = 0; k < z.length; k += 3) {
      const n = numeric((d) => {
        z[k] += d;
      });
      expect(Math.abs((zVar.grad as Float32Array)[k] - n)).toBeLessThan(2e-3 + 2e-2 * Math.abs(n));
    }
    for (const name of params.names()) {
      if (name.endsWith('quantiles')) continue;
      const v = params.get(name);
      for (const k of [0, v.size - 1]) {
        const n = numeric((d) => {
          v.data[k] += d;
        });
        expect(Math.abs((v.grad as Float32Array)[k] - n), `${name}[${k}]`).toBeLessThan(2e-3 + 2e-2 * Math.abs(n));
      }
    }
  });

  test('the auxiliary loss trains the quantiles only', () => {
    const params = make();
    const loss = entropyBottleneckAuxLoss(params);
    const t = Math.log(2 / 1e-9 - 1);
    expect(loss.item()).toBeGreaterThan(0);
    backward(loss);
    for (const name of params.names()) {
      const grad = params.get(name).grad as Float32Array;
      const nonzero = grad.some((g) => g !== 0);
      expect(nonzero, name).toBe(name.endsWith('quantiles'));
    }
    expect(t).toBeCloseTo(21.4164, 3);
    // The quantiles' gradient matches central differences.
    const quantiles = params.get('entropy_bottleneck.quantiles');
    const h = 1e-2;
    for (const k of [0, 1, 2, 5]) {
      quantiles.data[k] += h;
      const plus = noGrad(() => entropyBottleneckAuxLoss(params).item());
      quantiles.data[k] -= 2 * h;
      const minus = noGrad(() => entropyBottleneckAuxLoss(params).item());
      quantiles.data[k] += h;
      const numeric = (plus - minus) / (2 * h);
      expect(Math.abs((quantiles.grad as Float32Array)[k] - numeric)).toBeLessThan(1e-3 + 1e-2 * Math.abs(numeric));
    }
  });
});
