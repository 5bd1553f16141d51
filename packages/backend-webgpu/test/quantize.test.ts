import '@lico/backend-js';
import {
  DequantizeScalar,
  MAX_FIXED_LATENT,
  MAX_FIXED_STEP,
  QuantizeScalar,
  runKernel,
  TcqDequantize,
  TcqQuantize,
} from '@lico/core';
import { type QuantizeCase, quantizeCases } from '@lico/core/conformance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWebGpuBackend, type WebGpuBackend } from '../src/index.js';

function tcqInputs(c: QuantizeCase) {
  return {
    inputs: { latents: c.latents, means: c.means, tableIndexes: c.tableIndexes, rates: c.rates },
    attrs: { step: c.step, states: c.states, sequenceLength: c.sequenceLength, bitCost: c.bitCost },
  };
}

/** Values at the fixed-point limits, with steps and rates at theirs. */
function extremeCases(): QuantizeCase[] {
  const n = 1200;
  const pick = (i: number, values: readonly number[]) => values[(i * 7 + (i >> 3)) % values.length];
  const edges = [MAX_FIXED_LATENT, -MAX_FIXED_LATENT, 0, 1, -1, 2 ** 27, -(2 ** 27) + 5, 12345, -777];
  const latents = Int32Array.from({ length: n }, (_, i) => pick(i, edges));
  const means = Int32Array.from({ length: n }, (_, i) => -pick(i * 3 + 1, edges));
  const rates = {
    costs: Uint32Array.of(2 ** 28, 5, 2 ** 28, 0, 7, 2 ** 28, 2 ** 28, 1, 2 ** 28),
    starts: Uint32Array.of(0, 3, 6, 7, 9),
    offsets: Int32Array.of(-1, MAX_FIXED_LATENT, -MAX_FIXED_LATENT, 0),
  };
  const tableIndexes = Int32Array.from({ length: n }, (_, i) => i % 2);
  const base = { latents, tableIndexes, rates, rounding: 0, sequenceLength: 101 };
  return [
    { ...base, name: 'unit step, 8 states, largest λ', means, step: 1, states: 8, bitCost: 2 ** 22 },
    { ...base, name: 'unit step, 4 states, no means', step: 1, states: 4, bitCost: 3 },
    {
      ...base,
      name: 'largest step',
      means,
      step: MAX_FIXED_STEP,
      rounding: MAX_FIXED_STEP - 1,
      states: 4,
      bitCost: 2 ** 22,
    },
  ];
}

// A backend with tiny chunks: every call crosses chunk boundaries (whole sequences for TCQ,
// one sequence per chunk when a sequence is longer than the cap).
describe('quantization kernels [webgpu]', () => {
  let backend: WebGpuBackend;
  beforeAll(async () => {
    backend = await createWebGpuBackend({ maxChunkSymbols: 997 });
  });
  afterAll(() => backend?.dispose());
  const cases = () => [...quantizeCases(), ...extremeCases()];

  test('QuantizeScalar and DequantizeScalar [webgpu] equal js across chunks and at the limits', async () => {
    for (const c of cases()) {
      const inputs = { latents: c.latents, means: c.means };
      const attrs = { step: c.step, rounding: c.rounding };
      const expected = await runKernel(QuantizeScalar, inputs, attrs, 'js');
      expect(await runKernel(QuantizeScalar, inputs, attrs, backend), c.name).toEqual(expected);
      const again = { indexes: expected.indexes, means: c.means };
      expect(await runKernel(DequantizeScalar, again, { step: c.step }, backend), c.name).toEqual(
        expected.reconstruction,
      );
    }
  });

  test('DequantizeScalar and TcqDequantize [webgpu] wrap out-of-range indexes like js', async () => {
    const indexes = Int32Array.of(2 ** 31 - 1, -(2 ** 31), 2 ** 20, -(2 ** 20) - 3, 0, 1, -1, 987654321);
    const means = Int32Array.of(MAX_FIXED_LATENT, -MAX_FIXED_LATENT, 1, 2, 3, 4, 5, 6);
    for (const m of [undefined, means]) {
      const inputs = { indexes, means: m };
      const attrs = { step: MAX_FIXED_STEP, states: 8 as const, sequenceLength: 3 };
      expect(await runKernel(DequantizeScalar, inputs, attrs, backend)).toEqual(
        await runKernel(DequantizeScalar, inputs, attrs, 'js'),
      );
      expect(await runKernel(TcqDequantize, inputs, attrs, backend)).toEqual(
        await runKernel(TcqDequantize, inputs, attrs, 'js'),
      );
    }
  });

  test('TcqQuantize and TcqDequantize [webgpu] equal js across chunks and at the limits', async () => {
    for (const c of cases()) {
      const { inputs, attrs } = tcqInputs(c);
      const expected = await runKernel(TcqQuantize, inputs, attrs, 'js');
      expect(await runKernel(TcqQuantize, inputs, attrs, backend), c.name).toEqual(expected);
      const rebuilt = await runKernel(TcqDequantize, { indexes: expected.indexes, means: c.means }, attrs, backend);
      expect(rebuilt, c.name).toEqual(expected.reconstruction);
    }
  });

  test('TcqQuantize [webgpu] takes a sequence longer than the values as one sequence', async () => {
    const c = quantizeCases()[1];
    const { inputs, attrs } = tcqInputs(c);
    const long = { ...attrs, sequenceLength: 2 ** 40 };
    expect(await runKernel(TcqQuantize, inputs, long, backend)).toEqual(
      await runKernel(TcqQuantize, inputs, long, 'js'),
    );
  });

  test('TcqQuantize [webgpu] reports the first bad table index, as js does', async () => {
    const c = quantizeCases()[0];
    const { inputs, attrs } = tcqInputs(c);
    const tableIndexes = c.tableIndexes.slice();
    tableIndexes[2000] = -1;
    tableIndexes[3000] = 5;
    const bad = { ...inputs, tableIndexes };
    const message = await runKernel(TcqQuantize, bad, attrs, 'js').catch((e: Error) => e.message);
    await expect(runKernel(TcqQuantize, bad, attrs, backend)).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
      message,
    });
  });
});
