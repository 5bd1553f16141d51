import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { seededRandom } from '@lico/core';
import { DeadZoneQuantizer } from '@lico/quantizers';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  GaussianMixtureConditional,
  integerExp,
  integerSoftmax,
  MIXTURE_WEIGHT_ONE,
  type MixtureParameters,
} from '../src/index.js';

const BACKENDS = ['js', 'native', 'wasm', 'webgpu'] as const;
const random = seededRandom(303);
const K = 3;

/** Random integer parameters of n latents and latents drawn from the mixture they define. */
function sampleFromModel(model: GaussianMixtureConditional, n: number) {
  const means = Int32Array.from({ length: K * n }, () => Math.round((random() - 0.5) * 16 * 256));
  const scaleIndexes = Int32Array.from({ length: K * n }, () => 12 + Math.floor(random() * 28));
  const logits = Int32Array.from({ length: K * n }, () => Math.round((random() - 0.5) * 1024));
  const params: MixtureParameters = { weights: integerSoftmax(logits, K), means, scaleIndexes };
  return { params, y: model.sample(params, random) };
}

describe('integer softmax', () => {
  test('its exponential table is round(2^16 · e^(−d/256))', () => {
    for (let d = 0; d < 12 * 256; d += 7) {
      // Two rounded factors: within one unit of the exact value.
      expect(Math.abs(integerExp(d) - 2 ** 16 * Math.exp(-d / 256))).toBeLessThanOrEqual(1);
    }
    expect(integerExp(12 * 256)).toBe(0);
  });

  test('weights sum to exactly 2^16 and follow the float softmax', () => {
    const logits = Int32Array.from({ length: K * 1000 }, () => Math.round((random() - 0.5) * 4096));
    const weights = integerSoftmax(logits, K);
    for (let i = 0; i < 1000; i++) {
      const exps = [0, 1, 2].map((k) => Math.exp(logits[k * 1000 + i] / 256));
      const sum = exps.reduce((a, b) => a + b);
      expect(weights[i] + weights[1000 + i] + weights[2000 + i]).toBe(MIXTURE_WEIGHT_ONE);
      for (let k = 0; k < K; k++) expect(Math.abs(weights[k * 1000 + i] / 2 ** 16 - exps[k] / sum)).toBeLessThan(2e-4);
    }
  });
});

describe('GaussianMixtureConditional', () => {
  const model = new GaussianMixtureConditional();
  beforeAll(() => model.update());

  test('coded bits are within 1 % of the model’s −log2 likelihood on latents sampled from it', async () => {
    const { params, y } = sampleFromModel(model, 150_000);
    const { stream, reconstruction } = await model.compress(y, params);
    const modelBits = model.likelihoodOf(reconstruction, params).reduce((bits, p) => bits - Math.log2(p), 0);
    expect(Math.abs((stream.length * 8) / modelBits - 1)).toBeLessThan(0.01);
  });

  test('parametersFrom splits means, scales and logits and applies the integer rules', () => {
    const values = Int32Array.from([
      ...[-512, 0, 256],
      ...[100, 200, 300],
      ...[600, 700, 800],
      ...[1, 2, 3],
      ...[4, 5, 6],
      ...[7, 8, 9],
      ...[0, 0, 0],
      ...[0, 0, 0],
      ...[2048, 0, 0],
    ]);
    const params = model.parametersFrom({ values, shape: [9, 1, 3] });
    expect(params.shape).toEqual([1, 1, 3]);
    expect(Array.from(params.means)).toEqual([-512, 0, 256, 100, 200, 300, 600, 700, 800]);
    expect(Array.from(params.scaleIndexes)).toEqual(Array.from(model.indexesFor(values.subarray(9, 18))));
    expect(params.weights[2 * 3]).toBeGreaterThan(65000); // logit 8 against 0, 0
  });

  test('far outliers are escaped and decoded exactly; several chunks', async () => {
    const { params, y } = sampleFromModel(model, 70_000);
    y[5] = 4000.25;
    y[69_999] = -3e4;
    const { stream, reconstruction } = await model.compress(y, params);
    expect(reconstruction[5]).toBe(4000);
    expect(reconstruction[69_999]).toBe(-3e4);
    expect(await model.decompress(stream, params)).toEqual(reconstruction);
  });

  test('a stream from each backend is the same and decodes on each other one', async () => {
    const { params, y } = sampleFromModel(model, 20_000);
    const streams = new Map<string, Uint8Array>();
    let reference: Float32Array | undefined;
    for (const backend of BACKENDS) {
      const coded = await model.compress(y, params, backend);
      streams.set(backend, coded.stream);
      reference ??= coded.reconstruction;
      expect(Buffer.from(coded.stream).equals(Buffer.from(streams.get('js') as Uint8Array)), backend).toBe(true);
    }
    for (const backend of BACKENDS) {
      expect(await model.decompress(streams.get('js') as Uint8Array, params, backend), backend).toEqual(reference);
    }
  }, 60_000);

  test('refuses quantizers whose cells are not uniform, and coding before update()', async () => {
    expect(() => new GaussianMixtureConditional({ quantizer: new DeadZoneQuantizer() })).toThrow(/UniformQuantizer/);
    const fresh = new GaussianMixtureConditional();
    const { params, y } = sampleFromModel(fresh, 4);
    await expect(fresh.compress(y, params)).rejects.toMatchObject({ code: 'LICO_CDF_NOT_READY' });
  });
});
