import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { seededRandom } from '@lico/core';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  CheckerboardContext,
  type CheckerboardStreams,
  type ConditionalEntropyModel,
  GaussianConditional,
  GaussianMixtureConditional,
  IntegerNetwork,
  type IntegerTensor,
  isAnchor,
} from '../src/index.js';
import { randomLayer } from './random-layer.js';

const BACKENDS = ['js', 'native', 'wasm', 'webgpu'] as const;
const random = seededRandom(31);

const [M, H, W, hyperChannels, contextChannels] = [4, 16, 20, 8, 8];
const shape = [M, H, W] as const;

describe('CheckerboardContext', () => {
  let model: CheckerboardContext;
  let hyper: IntegerTensor;
  let y: Float32Array;
  const coded = new Map<string, { streams: CheckerboardStreams; yHat: Float32Array }>();

  beforeAll(async () => {
    const conditional = new GaussianConditional();
    await conditional.update();
    model = new CheckerboardContext(
      new IntegerNetwork([
        randomLayer(random, { inChannels: M, outChannels: contextChannels, kernelSize: 5, shift: 13, biasRange: 512 }),
      ]),
      new IntegerNetwork([
        randomLayer(random, {
          inChannels: hyperChannels + contextChannels,
          outChannels: 16,
          kernelSize: 1,
          biasRange: 512,
        }),
        randomLayer(random, {
          inChannels: 16,
          outChannels: 2 * M,
          kernelSize: 1,
          shift: 4,
          output: true,
          biasRange: 512,
        }),
      ]),
      conditional,
      contextChannels,
    );
    hyper = {
      values: Int32Array.from({ length: hyperChannels * H * W }, () => Math.floor(random() * 256)),
      shape: [hyperChannels, H, W],
    };
    y = Float32Array.from({ length: M * H * W }, () => (random() - 0.5) * 12);
    for (const backend of BACKENDS) coded.set(backend, await model.compress(y, shape, hyper, backend));
  }, 120_000);

  test('anchors form a checkerboard', () => {
    expect([isAnchor(0, 0), isAnchor(0, 1), isAnchor(1, 0), isAnchor(1, 1)]).toEqual([true, false, false, true]);
  });

  test('every backend writes the same two streams, and ŷ is close to y', () => {
    const js = coded.get('js') as { streams: CheckerboardStreams; yHat: Float32Array };
    for (const backend of BACKENDS) {
      const other = coded.get(backend) as { streams: CheckerboardStreams; yHat: Float32Array };
      expect(Buffer.from(other.streams.anchors).equals(Buffer.from(js.streams.anchors)), backend).toBe(true);
      expect(Buffer.from(other.streams.nonAnchors).equals(Buffer.from(js.streams.nonAnchors)), backend).toBe(true);
    }
    // Half a step, plus the 2^-8 rounding of latents to the fixed point.
    for (let i = 0; i < y.length; i++) expect(Math.abs(y[i] - js.yHat[i])).toBeLessThanOrEqual(0.5 + 2 ** -8);
  });

  test.each(BACKENDS.flatMap((from) => BACKENDS.map((to) => [from, to] as const)))(
    'coded on %s, decoded on %s: ŷ exactly',
    async (from, to) => {
      const { streams, yHat } = coded.get(from) as { streams: CheckerboardStreams; yHat: Float32Array };
      expect(await model.decompress(streams, shape, hyper, to)).toEqual(yHat);
    },
  );

  test('the non-anchors are coded with the anchors as context', async () => {
    // Changing only anchor values changes the parameters of the non-anchor pass.
    const moved = y.map((v, i) => (isAnchor(Math.floor(i / W) % H, i % W) ? v + 3 : v));
    const { streams } = await model.compress(moved, shape, hyper, 'js');
    const original = (coded.get('js') as { streams: CheckerboardStreams }).streams;
    expect(Buffer.from(streams.nonAnchors).equals(Buffer.from(original.nonAnchors))).toBe(false);
  });

  test('hyper features of another plane size are refused', async () => {
    const small: IntegerTensor = { values: new Int32Array(hyperChannels * 4), shape: [hyperChannels, 2, 2] };
    await expect(model.compress(y, shape, small)).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
  });
});

describe('CheckerboardContext: each pass runs its parameter network on its own positions', () => {
  const rng = seededRandom(47);
  const positionsOf = (anchors: boolean) =>
    Int32Array.from({ length: M * H * W }, (_, i) => i).filter(
      (i) => isAnchor(Math.floor(i / W) % H, i % W) === anchors,
    );
  const pick = (values: Float32Array, at: Int32Array) => Float32Array.from(at, (i) => values[i]);
  const hyperFeatures: IntegerTensor = {
    values: Int32Array.from({ length: hyperChannels * H * W }, () => Math.floor(rng() * 256)),
    shape: [hyperChannels, H, W],
  };
  const latents = Float32Array.from({ length: M * H * W }, () => (rng() - 0.5) * 12);
  const contextNetwork = new IntegerNetwork([
    randomLayer(rng, { inChannels: M, outChannels: contextChannels, kernelSize: 5, shift: 13, biasRange: 512 }),
  ]);
  const parameterNetwork = (outputs: number, kernelSize: number) =>
    new IntegerNetwork([
      randomLayer(rng, { inChannels: hyperChannels + contextChannels, outChannels: 12, kernelSize, biasRange: 512 }),
      randomLayer(rng, { inChannels: 12, outChannels: outputs, kernelSize: 1, shift: 4, output: true, biasRange: 512 }),
    ]);
  const cases = [
    ['Gaussian, 1×1 parameter network', () => new GaussianConditional(), 2, 1],
    ['mixture, 1×1 parameter network', () => new GaussianMixtureConditional(), 9, 1],
    ['Gaussian, 3×3 parameter network (whole plane)', () => new GaussianConditional(), 2, 3],
  ] as const;

  test.each(cases)('%s: the streams and likelihoods of whole-plane parameters', async (_, make, perLatent, k) => {
    const made = make();
    await made.update();
    const conditional = made as ConditionalEntropyModel<unknown>;
    const model = new CheckerboardContext(
      contextNetwork,
      parameterNetwork(perLatent * M, k),
      conditional,
      contextChannels,
    );
    // The reference: parameters over the whole plane, then the pass's positions picked.
    const [anchors, nonAnchors] = [positionsOf(true), positionsOf(false)];
    const anchorParams = conditional.select(await model.anchorParameters(hyperFeatures, 'js'), anchors);
    const first = await conditional.compress(pick(latents, anchors), anchorParams, 'js');
    const yHat = new Float32Array(latents.length);
    anchors.forEach((i, n) => {
      yHat[i] = first.reconstruction[n];
    });
    const nonAnchorParams = conditional.select(
      await model.nonAnchorParameters(yHat, shape, hyperFeatures, 'js'),
      nonAnchors,
    );
    const second = await conditional.compress(pick(latents, nonAnchors), nonAnchorParams, 'js');
    nonAnchors.forEach((i, n) => {
      yHat[i] = second.reconstruction[n];
    });

    const coded = await model.compress(latents, shape, hyperFeatures, 'js');
    expect(Buffer.from(coded.streams.anchors).equals(Buffer.from(first.stream))).toBe(true);
    expect(Buffer.from(coded.streams.nonAnchors).equals(Buffer.from(second.stream))).toBe(true);
    expect(coded.yHat).toEqual(yHat);
    const likelihood = await model.likelihood(yHat, shape, hyperFeatures, 'js');
    expect(pick(likelihood, anchors)).toEqual(conditional.likelihoodOf(pick(yHat, anchors), anchorParams));
    expect(pick(likelihood, nonAnchors)).toEqual(conditional.likelihoodOf(pick(yHat, nonAnchors), nonAnchorParams));
  });

  test('a 1×1 plane (no non-anchors) codes and decodes', async () => {
    const conditional = new GaussianConditional();
    await conditional.update();
    const model = new CheckerboardContext(contextNetwork, parameterNetwork(2 * M, 1), conditional, contextChannels);
    const tiny: IntegerTensor = { values: hyperFeatures.values.slice(0, hyperChannels), shape: [hyperChannels, 1, 1] };
    const y1 = Float32Array.of(1.2, -3.4, 0.4, 7.9);
    const coded = await model.compress(y1, [M, 1, 1], tiny, 'js');
    expect(await model.decompress(coded.streams, [M, 1, 1], tiny, 'js')).toEqual(coded.yHat);
    for (const [i, v] of y1.entries()) expect(Math.abs(v - coded.yHat[i])).toBeLessThanOrEqual(0.5 + 2 ** -8);
  });
});
