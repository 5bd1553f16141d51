import { AdamUpdate, runKernel } from '@lico/core';
import { describe, expect, test } from 'vitest';
import '../index.js';

const attrs = { learningRate: 0.1, beta1: 0.9, beta2: 0.999, epsilon: 1e-8, step: 1, maxGradNorm: 0 };

describe('AdamUpdate [js]', () => {
  test('the first step moves every parameter by the learning rate against its gradient sign', async () => {
    const params = Float32Array.of(1, 1, 1);
    const m = new Float32Array(3);
    const v = new Float32Array(3);
    const { gradNorm } = await runKernel(AdamUpdate, { params, grads: Float32Array.of(3, -4, 0), m, v }, attrs, 'js');
    expect(gradNorm).toBe(5);
    // m̂ = g and v̂ = g² after bias correction, so the step is lr · g / |g|.
    expect(params[0]).toBeCloseTo(0.9, 6);
    expect(params[1]).toBeCloseTo(1.1, 6);
    expect(params[2]).toBe(1);
    expect(m[0]).toBeCloseTo(0.3, 6);
    expect(v[1]).toBeCloseTo(0.016, 6);
  });

  test('clipping scales the gradients to the given norm first', async () => {
    const m = new Float32Array(2);
    const v = new Float32Array(2);
    const grads = Float32Array.of(3, 4);
    await runKernel(AdamUpdate, { params: new Float32Array(2), grads, m, v }, { ...attrs, maxGradNorm: 1 }, 'js');
    expect(m[0]).toBeCloseTo(0.1 * (3 / 5), 5);
    expect(Array.from(grads)).toEqual([3, 4]);
  });
});
