import '@lico/backend-js';
import { seededRandom } from '@lico/core';
import { encodeWithIndexes } from '@lico/entropy';
import { describe, expect, test } from 'vitest';
import {
  buildQuantizerTables,
  DeadZoneQuantizer,
  estimateRateDistortion,
  GaussianDensity,
  LaplacianDensity,
  type Quantizer,
  TcqQuantizer,
  toFixedLatents,
  UniformQuantizer,
} from '../src/index.js';

const random = seededRandom(3);
const gaussian = (n: number, scale = 1) =>
  Float32Array.from(
    { length: n },
    () => scale * Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random()),
  );

const quantizers = (): Quantizer[] => [
  new UniformQuantizer({ step: 0.5 }),
  new DeadZoneQuantizer({ step: 0.5, theta: 0.3 }),
  new TcqQuantizer({ step: 0.25, lambda: 0.03, states: 4 }),
  new TcqQuantizer({ step: 0.25, lambda: 0.03, states: 8, order: 'row' }),
];

describe('every quantizer', () => {
  test.each(quantizers().map((q) => [q.name, q] as const))(
    '%s: quantize → entropy-code → decode rebuilds the encoder reconstruction exactly',
    async (_, quantizer) => {
      const shape = [6, 10, 12] as const;
      const n = shape[0] * shape[1] * shape[2];
      const scales = [0.3, 0.8, 1.5, 3, 6, 20];
      const latents = gaussian(n).map((v, i) => v * scales[Math.floor(i / 120)] + 0.7);
      latents[5] = 500; // far outside every table: an escape
      const means = Float32Array.from({ length: n }, (_, i) => (i % 7) * 0.1);
      const tableIndexes = Int32Array.from({ length: n }, (_, i) => Math.floor(i / 120));
      const tables = await buildQuantizerTables(
        quantizer,
        scales.map((s) => new GaussianDensity(s)),
      );
      const params = { tableIndexes, means, tables, shape };
      const quantized = await quantizer.quantize(latents, params);
      const stream = await encodeWithIndexes(quantized.indexes, quantized.codingIndexes, tables);
      const indexes = await quantizer.decodeIndexes(stream, params);
      expect(indexes).toEqual(quantized.indexes);
      expect(await quantizer.dequantize(indexes, params)).toEqual(quantized.reconstruction);
      // The reconstruction is close to the input (the escape included).
      const { squaredError, bits } = estimateRateDistortion(latents, quantized, tables);
      expect(squaredError / n).toBeLessThan(0.1);
      expect(Math.abs(stream.length * 8 - bits) / bits).toBeLessThan(0.05);
    },
  );

  test.each(quantizers().map((q) => [q.name, q] as const))('%s: cells tile the line around each level', (_, q) => {
    for (let sub = 0; sub < q.subQuantizers; sub++) {
      for (let k = -20; k < 20; k++) {
        const [low, high] = q.cell(k, sub);
        expect(high).toBeGreaterThan(low);
        expect(q.cell(k + 1, sub)[0]).toBeCloseTo(high, 12);
      }
    }
  });
});

describe('TcqQuantizer', () => {
  test('beats uniform quantization by at least 0.6 dB near 3 bits/sample (Gaussian, real bits)', async () => {
    const latents = gaussian(60_000);
    const power = latents.reduce((a, v) => a + v * v, 0);
    const point = async (q: Quantizer) => {
      const tables = await buildQuantizerTables(q, [new GaussianDensity(1)]);
      const params = { tableIndexes: new Int32Array(latents.length), tables };
      const quantized = await q.quantize(latents, params);
      const stream = await encodeWithIndexes(quantized.indexes, quantized.codingIndexes, tables, { lanes: 1 });
      const { squaredError } = estimateRateDistortion(latents, quantized, tables);
      return { bits: (stream.length * 8) / latents.length, snr: 10 * Math.log10(power / squaredError) };
    };
    const uniform = [];
    for (let step = 0.35; step <= 0.75; step += 0.01) uniform.push(await point(new UniformQuantizer({ step })));
    const tcq = await point(new TcqQuantizer({ step: 0.28, lambda: 0.04 * 0.56 ** 2, states: 8 }));
    expect(tcq.bits).toBeGreaterThan(2.6);
    expect(tcq.bits).toBeLessThan(3.4);
    // The best uniform point at no more rate than TCQ spent.
    const best = Math.max(...uniform.filter((u) => u.bits <= tcq.bits).map((u) => u.snr));
    expect(tcq.snr - best).toBeGreaterThan(0.6);
  });

  test('λ = 0 minimizes distortion alone: below a uniform quantizer of step 2Δ; a huge λ drives indexes to 0', async () => {
    const latents = gaussian(4000, 2);
    const density = [new LaplacianDensity(1)];
    const run = async (lambda: number) => {
      const q = new TcqQuantizer({ step: 0.5, lambda, states: 8 });
      const tables = await buildQuantizerTables(q, density);
      return q.quantize(latents, { tableIndexes: new Int32Array(latents.length), tables });
    };
    const exact = await run(0);
    let squaredError = 0;
    for (let i = 0; i < latents.length; i++) {
      const error = Math.abs(latents[i] - exact.reconstruction[i]);
      // Candidates bracket every value in each sub-quantizer (levels 2Δ apart).
      expect(error).toBeLessThanOrEqual(1);
      squaredError += error * error;
    }
    // Each sub-quantizer alone is a uniform quantizer of step 2Δ = 1: MSE 1/12.
    expect(squaredError / latents.length).toBeLessThan(1 / 12);
    const zeros = (await run(60)).indexes.filter((k) => k === 0).length;
    expect(zeros).toBeGreaterThan(latents.length * 0.9);
  });

  test('rejects a wrong shape, a bad λ and a state count other than 4 or 8', async () => {
    const q = new TcqQuantizer({ step: 1, lambda: 0.1 });
    const tables = await buildQuantizerTables(q, [new GaussianDensity(1)]);
    await expect(
      q.quantize(new Float32Array(10), { tableIndexes: new Int32Array(10), tables, shape: [2, 2, 2] }),
    ).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
    expect(() => new TcqQuantizer({ lambda: 100 })).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
    expect(() => new TcqQuantizer({ lambda: 1, states: 6 as 8 })).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
  });
});

describe('fixed point', () => {
  test('rounds to 1/256 and refuses values beyond 2^20', () => {
    expect(Array.from(toFixedLatents(Float32Array.of(1, -0.5, 0.00195, -0.00196)))).toEqual([256, -128, 0, -1]);
    expect(() => toFixedLatents(Float32Array.of(2 ** 21))).toThrow(
      expect.objectContaining({ code: 'LICO_LIMIT_EXCEEDED' }),
    );
  });
});
