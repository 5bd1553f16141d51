import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { seededRandom } from '@lico/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { GaussianConditional, IntegerNetwork, type IntegerTensor } from '../src/index.js';
import { randomLayer, UPSAMPLE } from './random-layer.js';

const BACKENDS = ['js', 'native', 'wasm', 'webgpu'] as const;
const random = seededRandom(2048);
const int = (range: number) => Math.round((random() * 2 - 1) * range);

// A hyper-synthesis of a 2048×2048 image: z at 1/64 (32×32) to entropy parameters at 1/16
// (128×128), as in the mean-scale hyperprior (two stride-2 transposed convolutions).
const N = 24;
const M = 16;
const hyperSynthesis = new IntegerNetwork([
  // Shifts that keep each layer's activations spread over its clamp range.
  randomLayer(random, { inChannels: N, outChannels: N, ...UPSAMPLE, shift: 5 }),
  randomLayer(random, { inChannels: N, outChannels: N, ...UPSAMPLE, shift: 9 }),
  randomLayer(random, { inChannels: N, outChannels: 2 * M, kernelSize: 3, shift: 6, output: true }),
]);
const zHat: IntegerTensor = { values: Int32Array.from({ length: N * 32 * 32 }, () => int(6)), shape: [N, 32, 32] };

describe('the integer parameter path of a 2048×2048 image', () => {
  const outputs = new Map<string, IntegerTensor>();
  const model = new GaussianConditional();

  beforeAll(async () => {
    await model.update();
    for (const backend of BACKENDS) outputs.set(backend, await hyperSynthesis.run(zHat, backend));
  }, 300_000);

  test('every backend computes the same integers, so the same means and scale indexes', () => {
    const js = outputs.get('js') as IntegerTensor;
    expect(js.shape).toEqual([2 * M, 128, 128]);
    const params = model.parametersFrom(js);
    // The random network spreads its scales over the table, not onto one entry.
    expect(new Set(params.scaleIndexes).size).toBeGreaterThan(10);
    for (const backend of BACKENDS) {
      const other = model.parametersFrom(outputs.get(backend) as IntegerTensor);
      expect(Buffer.from(other.scaleIndexes.buffer).equals(Buffer.from(params.scaleIndexes.buffer)), backend).toBe(
        true,
      );
      expect(
        Buffer.from((other.means as Float32Array).buffer).equals(Buffer.from((params.means as Float32Array).buffer)),
        backend,
      ).toBe(true);
    }
  });

  test('latents coded on each backend decode on each other one', async () => {
    const params = model.parametersFrom(outputs.get('js') as IntegerTensor);
    const y = Float32Array.from(
      params.means as Float32Array,
      (mean, i) => mean + model.scales[params.scaleIndexes[i]] * (random() - 0.5) * 3,
    );
    const coded = new Map<string, { stream: Uint8Array; reconstruction: Float32Array }>();
    for (const backend of BACKENDS) coded.set(backend, await model.compress(y, params, backend));
    for (const from of BACKENDS) {
      for (const to of BACKENDS) {
        const { stream, reconstruction } = coded.get(from) as { stream: Uint8Array; reconstruction: Float32Array };
        const decoded = await model.decompress(stream, params, to);
        expect(Buffer.from(decoded.buffer).equals(Buffer.from(reconstruction.buffer)), `${from} → ${to}`).toBe(true);
      }
    }
  });
});
