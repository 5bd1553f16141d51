import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { seededRandom } from '@lico/core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  AutoregressiveContext,
  type ConditionalEntropyModel,
  GaussianConditional,
  GaussianMixtureConditional,
  IntegerNetwork,
  type IntegerTensor,
  isCausalTap,
  maskCausal,
} from '../src/index.js';
import { randomLayer } from './random-layer.js';

const BACKENDS = ['js', 'native', 'wasm', 'webgpu'] as const;
const random = seededRandom(55);
const [M, H, W, hyperChannels, contextChannels] = [3, 6, 7, 6, 8];
const shape = [M, H, W] as const;

const contextLayer = maskCausal(
  randomLayer(random, { inChannels: M, outChannels: contextChannels, kernelSize: 5, shift: 12, biasRange: 512 }),
);
const hyper: IntegerTensor = {
  values: Int32Array.from({ length: hyperChannels * H * W }, () => Math.floor(random() * 256)),
  shape: [hyperChannels, H, W],
};
const y = Float32Array.from({ length: M * H * W }, () => (random() - 0.5) * 12);

/** A parameter network with `outputs` channels from [hyper; context] features. */
function parameterNetwork(outputs: number) {
  return new IntegerNetwork([
    randomLayer(random, { inChannels: hyperChannels + contextChannels, outChannels: 12, kernelSize: 1 }),
    randomLayer(random, { inChannels: 12, outChannels: outputs, kernelSize: 1, shift: 4, output: true }),
  ]);
}

const gaussian = new GaussianConditional();
const mixture = new GaussianMixtureConditional();
const models: [string, AutoregressiveContext<unknown>][] = [
  ['Gaussian', new AutoregressiveContext(new IntegerNetwork([contextLayer]), parameterNetwork(2 * M), gaussian)],
  [
    'mixture',
    new AutoregressiveContext(
      new IntegerNetwork([contextLayer]),
      parameterNetwork(9 * M),
      mixture as ConditionalEntropyModel<unknown>,
    ),
  ],
];

describe.each(models)('AutoregressiveContext with the %s model', (_, model) => {
  const coded = new Map<string, { stream: Uint8Array; yHat: Float32Array }>();
  beforeAll(async () => {
    await gaussian.update();
    await mixture.update();
    for (const backend of BACKENDS) coded.set(backend, await model.compress(y, shape, hyper, backend));
  }, 120_000);

  test('every backend writes the same stream; ŷ rounds y', () => {
    const js = coded.get('js') as { stream: Uint8Array; yHat: Float32Array };
    for (const backend of BACKENDS) {
      expect(Buffer.from((coded.get(backend) as { stream: Uint8Array }).stream).equals(Buffer.from(js.stream))).toBe(
        true,
      );
    }
    for (let i = 0; i < y.length; i++) expect(Math.abs(y[i] - js.yHat[i])).toBeLessThanOrEqual(0.5 + 2 ** -8);
  });

  test.each(BACKENDS)('decodes on %s', async (backend) => {
    const { stream, yHat } = coded.get('js') as { stream: Uint8Array; yHat: Float32Array };
    expect(await model.decompress(stream, shape, hyper, backend)).toEqual(yHat);
  });

  test('a value influences only what is coded after it', async () => {
    const original = coded.get('js') as { stream: Uint8Array; yHat: Float32Array };
    const last = y.slice();
    last[H * W - 1] += 2; // channel 0 of the last position: nothing is coded after it
    const lastDecoded = await model.decompress((await model.compress(last, shape, hyper, 'js')).stream, shape, hyper);
    const changed = Array.from(lastDecoded).flatMap((v, i) => (v === original.yHat[i] ? [] : [i]));
    expect(changed).toEqual([H * W - 1]);
    const first = y.slice();
    first[0] += 2;
    const { stream: firstStream } = await model.compress(first, shape, hyper, 'js');
    expect(Buffer.from(firstStream).equals(Buffer.from(original.stream))).toBe(false);
  });
});

describe('the causal mask', () => {
  test('type A keeps the rows above and the left of the center row', () => {
    const kept = Array.from({ length: 25 }, (_, i) => (isCausalTap(Math.floor(i / 5), i % 5) ? 1 : 0));
    expect(kept).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
  });

  test("the context network's input stage applies to the neighbourhoods", async () => {
    const parameters = parameterNetwork(2 * M);
    const plain = new AutoregressiveContext(new IntegerNetwork([contextLayer]), parameters, gaussian);
    const stage = { shift: 4, limit: 40 };
    const staged = new AutoregressiveContext(new IntegerNetwork([contextLayer], stage), parameters, gaussian);
    const without = await plain.compress(y, shape, hyper, 'js');
    const coded = await staged.compress(y, shape, hyper, 'js');
    expect(Buffer.from(coded.stream).equals(Buffer.from(without.stream))).toBe(false);
    expect(await staged.decompress(coded.stream, shape, hyper, 'native')).toEqual(coded.yHat);
  });

  test('an unmasked context kernel is refused', () => {
    const unmasked = randomLayer(random, { inChannels: M, outChannels: 2, kernelSize: 5 });
    expect(() => new AutoregressiveContext(new IntegerNetwork([unmasked]), parameterNetwork(2 * M), gaussian)).toThrow(
      /causally masked/,
    );
  });
});
