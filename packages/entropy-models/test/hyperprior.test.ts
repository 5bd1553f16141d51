import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { seededRandom } from '@lico/core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  FactorizedPrior,
  GaussianConditional,
  Hyperprior,
  type HyperpriorStreams,
  IntegerNetwork,
  initialFactorizedPrior,
} from '../src/index.js';
import { randomLayer, UPSAMPLE } from './random-layer.js';

const BACKENDS = ['js', 'native', 'wasm', 'webgpu'] as const;
const random = seededRandom(77);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

const [N, M] = [8, 6];
const zShape = [N, 8, 8] as const;
const yShape = [M, 32, 32] as const;

describe('Hyperprior', () => {
  let model: Hyperprior;
  let spread = 0;
  const coded = new Map<string, { streams: HyperpriorStreams; yHat: Float32Array }>();

  beforeAll(async () => {
    const zPrior = new FactorizedPrior(new FactorizedPrior(initialFactorizedPrior(N, 1)).withFittedQuantiles());
    await zPrior.update();
    const conditional = new GaussianConditional();
    await conditional.update();
    // Shifts chosen so every layer's activations spread over its range.
    const hyperSynthesis = new IntegerNetwork([
      randomLayer(random, { inChannels: N, outChannels: N, ...UPSAMPLE, shift: 12 }),
      randomLayer(random, { inChannels: N, outChannels: N, ...UPSAMPLE }),
      randomLayer(random, { inChannels: N, outChannels: 2 * M, kernelSize: 3, shift: 5, output: true }),
    ]);
    model = new Hyperprior(zPrior, hyperSynthesis, conditional);
    const z = Float32Array.from({ length: N * 64 }, () => normal() * 3);
    // y drawn around the parameters the decoder will derive (from ẑ, as the encoder sees it).
    const zHat = (await zPrior.compress(z, zShape)).reconstruction;
    const params = await model.parameters(zHat, zShape, yShape);
    spread = new Set(params.scaleIndexes).size;
    const y = Float32Array.from(
      params.means as Float32Array,
      (m, i) => m + conditional.scales[params.scaleIndexes[i]] * normal(),
    );
    for (const backend of BACKENDS) coded.set(backend, await model.compress(y, yShape, z, zShape, { backend }));
  }, 120_000);

  test('the random hyper-synthesis gives varied scales (not one table for all)', () => {
    expect(spread).toBeGreaterThan(8);
  });

  test('every backend writes the same two streams', () => {
    const js = coded.get('js');
    for (const backend of BACKENDS) {
      expect(Buffer.from(coded.get(backend)?.streams.z ?? []).equals(Buffer.from(js?.streams.z ?? [])), backend).toBe(
        true,
      );
      expect(Buffer.from(coded.get(backend)?.streams.y ?? []).equals(Buffer.from(js?.streams.y ?? [])), backend).toBe(
        true,
      );
    }
  });

  test.each(BACKENDS.flatMap((from) => BACKENDS.map((to) => [from, to] as const)))(
    'coded on %s, decoded on %s: ŷ exactly',
    async (from, to) => {
      const { streams, yHat } = coded.get(from) as { streams: HyperpriorStreams; yHat: Float32Array };
      expect(await model.decompress(streams, yShape, zShape, { backend: to })).toEqual(yHat);
    },
  );

  test('a y plane larger than the hyper-synthesis gives is refused', async () => {
    const { streams } = coded.get('js') as { streams: HyperpriorStreams };
    await expect(model.decompress(streams, [M, 33, 32], zShape)).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });

  test('a smaller y plane (padded by the hyper-analysis) gets the top-left parameters', async () => {
    const zHat = Float32Array.from({ length: N * 64 }, (_, i) => (i % 7) - 3);
    const whole = await model.parameters(zHat, zShape, yShape);
    const part = await model.parameters(zHat, zShape, [M, 30, 29]);
    expect(part.shape).toEqual([M, 30, 29]);
    const at = (c: number, row: number, column: number) => (c * 32 + row) * 32 + column;
    for (const [c, row, column] of [
      [0, 0, 0],
      [M - 1, 29, 28],
      [2, 17, 3],
    ] as const) {
      expect(part.scaleIndexes[(c * 30 + row) * 29 + column]).toBe(whole.scaleIndexes[at(c, row, column)]);
      expect(part.means?.[(c * 30 + row) * 29 + column]).toBe(whole.means?.[at(c, row, column)]);
    }
  });

  test('as a conditional hyperprior, y’s parameters also follow the condition, on every backend', async () => {
    const condition = {
      values: Int32Array.from({ length: 3 * 32 * 32 }, () => Math.floor(random() * 256)),
      shape: [3, 32, 32] as const,
    };
    const conditioned = new Hyperprior(
      model.zPrior,
      new IntegerNetwork(model.hyperSynthesis.layers.slice(0, 2)),
      model.conditional,
      new IntegerNetwork([
        randomLayer(random, { inChannels: N + 3, outChannels: 2 * M, kernelSize: 3, shift: 5, output: true }),
      ]),
    );
    const z = Float32Array.from({ length: N * 64 }, () => normal() * 3);
    const y = Float32Array.from({ length: M * 32 * 32 }, () => normal() * 4);
    const reference = await conditioned.compress(y, yShape, z, zShape, { condition, backend: 'js' });
    for (const backend of BACKENDS) {
      expect(await conditioned.decompress(reference.streams, yShape, zShape, { condition, backend }), backend).toEqual(
        reference.yHat,
      );
    }
    // Another condition gives y other parameters, so another stream.
    const other = { ...condition, values: condition.values.map((v) => 255 - v) };
    const moved = await conditioned.compress(y, yShape, z, zShape, { condition: other, backend: 'js' });
    expect(Buffer.from(moved.streams.y).equals(Buffer.from(reference.streams.y))).toBe(false);
  });
});
