import { seededRandom } from '@lico/core';
import { expect } from 'vitest';
import { backward, constant, mul, noGrad, sum, Variable } from '../src/index.js';

/** An input of a gradient check: its values and shape (it gets `requiresGrad`). */
export interface CheckInput {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/** Uniform values in [low, high) as a check input. */
export function input(shape: readonly number[], low: number, high: number, seed: number): CheckInput {
  const random = seededRandom(seed);
  const n = shape.reduce((a, b) => a * b, 1);
  return { data: Float32Array.from({ length: n }, () => low + (high - low) * random()), shape };
}

/**
 * Compares the gradients `backward` computes for L = Σ r · f(inputs) (r random) with central
 * differences of L, at up to `probes` positions of every input. The operations compute in
 * float32, so L is accurate to about 1e-7 of its terms' size: with h = 1e-2 the difference
 * quotient is good to about 1e-3, and the tolerance is `rtol` of the gradient's size.
 */
export function checkGradients(
  f: (...xs: Variable[]) => Variable,
  inputs: readonly CheckInput[],
  options: { h?: number; rtol?: number; probes?: number; seed?: number } = {},
): void {
  const h = options.h ?? 1e-2;
  const rtol = options.rtol ?? 2e-2;
  const probes = options.probes ?? 6;
  const variables = inputs.map((i) => new Variable(i.data.slice(), i.shape, { requiresGrad: true }));
  const out = f(...variables);
  const random = seededRandom(options.seed ?? 7);
  const r = Float32Array.from({ length: out.size }, () => random() * 2 - 1);
  backward(sum(mul(out, constant(r, out.shape))));
  const loss = (values: Float32Array[]) =>
    noGrad(() => {
      const y = f(...values.map((v, k) => new Variable(v, inputs[k].shape)));
      let total = 0;
      for (let k = 0; k < y.size; k++) total += r[k] * y.data[k];
      return total;
    });
  inputs.forEach((inp, index) => {
    const analytic = variables[index].grad ?? new Float32Array(inp.data.length);
    const scaleOf = Math.max(1e-3, ...Array.from(analytic, Math.abs));
    const step = Math.max(1, Math.floor(inp.data.length / probes));
    for (let k = 0; k < inp.data.length; k += step) {
      const values = inputs.map((i) => i.data.slice());
      values[index][k] += h;
      const plus = loss(values);
      values[index][k] -= 2 * h;
      const minus = loss(values);
      const numeric = (plus - minus) / (2 * h);
      const where = `input ${index}, value ${k}: analytic ${analytic[k]}, numeric ${numeric}`;
      expect(Math.abs(analytic[k] - numeric), where).toBeLessThanOrEqual(rtol * (scaleOf + Math.abs(numeric)));
    }
  });
}
