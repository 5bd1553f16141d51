import '@lico/backend-js';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  Adam,
  add,
  backward,
  constant,
  convSpecs,
  detach,
  linearWarmup,
  mul,
  multiStepSchedule,
  noGrad,
  Parameters,
  setTrainBackend,
  square,
  sum,
  uniformInit,
  Variable,
} from '../src/index.js';

beforeAll(async () => {
  await setTrainBackend('js');
});

describe('Variable and backward', () => {
  test('a variable used twice gets the sum of both gradients', () => {
    const x = new Variable(Float32Array.of(1, 2), [2], { requiresGrad: true });
    const y = add(mul(x, x), x); // x² + x: gradient 2x + 1
    backward(sum(y));
    expect(Array.from(x.grad ?? [])).toEqual([3, 5]);
  });

  test('gradients accumulate over backward passes until zeroed; the graph is released', () => {
    const x = new Variable(Float32Array.of(3), [1], { requiresGrad: true });
    const loss = sum(square(x));
    backward(loss);
    expect(loss.creator).toBeUndefined();
    backward(sum(square(x)));
    expect(x.grad?.[0]).toBe(12);
  });

  test('noGrad and detach record nothing', () => {
    const x = new Variable(Float32Array.of(3), [1], { requiresGrad: true });
    expect(noGrad(() => square(x)).requiresGrad).toBe(false);
    expect(square(detach(x)).requiresGrad).toBe(false);
    expect(() => backward(square(detach(x)))).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
  });

  test('a loss of many values needs a seed', () => {
    const x = new Variable(Float32Array.of(1, 2), [2], { requiresGrad: true });
    expect(() => backward(square(x))).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
    backward(square(x), { seed: Float32Array.of(1, 1) });
    expect(Array.from(x.grad ?? [])).toEqual([2, 4]);
  });

  test('shapes and data are checked', () => {
    expect(() => new Variable(new Float32Array(3), [2, 2])).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
    expect(() => add(constant(new Float32Array(3), [3]), constant(new Float32Array(2), [2]))).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
    expect(() => Variable.zeros([2]).item()).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
  });
});

describe('Parameters', () => {
  const specs = [
    ...convSpecs('conv', 2, 3, 3),
    { name: 'extra', shape: [4], init: uniformInit(1), group: 'aux' },
    ...convSpecs('deconv', 3, 2, 5, { transposed: true }),
  ];

  test('one flat buffer, groups contiguous, PyTorch shapes and init bounds', () => {
    const params = Parameters.create(specs, 1);
    expect(params.names()).toEqual(['conv.weight', 'conv.bias', 'deconv.weight', 'deconv.bias', 'extra']);
    expect(params.get('conv.weight').shape).toEqual([3, 2, 3, 3]);
    expect(params.get('deconv.weight').shape).toEqual([3, 2, 5, 5]);
    expect(params.get('deconv.bias').shape).toEqual([2]);
    expect(params.count).toBe(54 + 3 + 150 + 2 + 4);
    expect(params.group('aux').values.length).toBe(4);
    const bound = 1 / Math.sqrt(2 * 9);
    expect(Math.max(...params.get('conv.weight').data.map(Math.abs))).toBeLessThanOrEqual(bound);
    // Same seed, same values, whatever the grouping.
    expect(Parameters.create(specs, 1).values).toEqual(params.values);
  });

  test('state dicts round-trip and are checked', () => {
    const a = Parameters.create(specs, 1);
    const b = Parameters.create(specs, 2);
    b.loadStateDict(a.stateDict());
    expect(b.values).toEqual(a.values);
    const state = a.stateDict();
    state.set('unknown', { shape: [1], data: new Float32Array(1) });
    expect(() => b.loadStateDict(state)).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
    b.loadStateDict(state, { strict: false });
    expect(() => a.get('missing')).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
  });
});

describe('Adam', () => {
  test('minimizes a quadratic, with a schedule and clipping', () => {
    const params = Parameters.create([{ name: 'w', shape: [2], init: (d) => d.set([3, -2]) }]);
    const adam = new Adam(params.group('main'), { learningRate: multiStepSchedule(0.1, [150], 0.1), maxGradNorm: 1 });
    const w = params.get('w');
    let last = { step: 0, learningRate: 0, gradNorm: 0 };
    for (let k = 0; k < 200; k++) {
      adam.zeroGrad();
      backward(sum(square(w)));
      last = adam.step();
    }
    expect(last.step).toBe(200);
    expect(last.learningRate).toBeCloseTo(0.01, 10);
    expect(Math.abs(w.data[0]) + Math.abs(w.data[1])).toBeLessThan(0.05);
  });

  test('a linear warm-up scales the first steps of a schedule, then leaves it alone', () => {
    const lr = linearWarmup(multiStepSchedule(0.1, [6]), 4);
    expect([1, 2, 3, 4, 5, 6].map(lr)).toEqual([0.025, 0.05, 0.075, 0.1, 0.1, 0.01].map((v) => expect.closeTo(v, 12)));
    expect(linearWarmup(multiStepSchedule(0.1, []), 0)(1)).toBe(0.1);
    expect(() => linearWarmup(multiStepSchedule(0.1, []), 1.5)).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
  });
});
