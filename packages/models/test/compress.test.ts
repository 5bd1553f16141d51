import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import { DeadZoneQuantizer, TcqQuantizer, UniformQuantizer } from '@lico/quantizers';
import { floatTensor, maxRelativeError } from '@lico/transforms';
import { beforeAll, describe, expect, test } from 'vitest';
import { ARCHITECTURES, type CompressionModel, type CompressResult, type RefinementInput } from '../src/index.js';
import { codableModel, testImage } from './helpers.js';

// A size that is no multiple of 16 (y 4×5) nor of 64 (z 1×2, whose h_s output is cropped to y's plane).
const image = testImage(50, 70);

describe.each(ARCHITECTURES)('%s with small random weights', (arch) => {
  let model: CompressionModel;
  const coded = new Map<string, CompressResult>();

  beforeAll(async () => {
    model = await codableModel(arch, 8, arch.startsWith('cheng') ? 8 : 12);
    for (const backend of ['js', 'native', 'wasm']) coded.set(backend, await model.compress(image, { backend }));
  });

  test('compresses to the streams of its entropy model, with the shapes a decoder needs', () => {
    const { streams, shapes, yHat } = coded.get('native') as CompressResult;
    const count = { 'bmshj2018-factorized': 1, 'lico-checkerboard-gmm': 3 }[arch as string] ?? 2;
    expect(streams).toHaveLength(count);
    expect(shapes.image).toEqual([50, 70]);
    expect(shapes.y.slice(1)).toEqual([4, 5]);
    if (arch !== 'bmshj2018-factorized') expect(shapes.z).toEqual([8, 1, 2]);
    // Latents worth coding: not all rounded to zero.
    expect(new Set(yHat.data).size).toBeGreaterThan(5);
  });

  test.each([
    ['native', 'wasm'],
    ['wasm', 'native'],
    ['js', 'native'],
    ['native', 'js'],
  ])('streams made on %s decode on %s to the same ŷ', async (from, to) => {
    const { streams, shapes, yHat } = coded.get(from) as CompressResult;
    const decoded = await model.decodeLatents({ streams, shapes }, { backend: to });
    expect(decoded.dims).toEqual(yHat.dims);
    expect(Buffer.from(decoded.data.buffer).equals(Buffer.from(yHat.data.buffer))).toBe(true);
  });

  test('decompress gives the image: g_s(ŷ) clamped to [0, 1], alike on every backend', async () => {
    const compressed = coded.get('native') as CompressResult;
    const native = await model.decompress(compressed, { backend: 'native' });
    const js = await model.decompress(compressed, { backend: 'js' });
    expect(native.dims).toEqual([1, 3, 50, 70]);
    expect(native.data.every((v) => v >= 0 && v <= 1)).toBe(true);
    expect(maxRelativeError(native.data, js.data)).toBeLessThan(1e-4);
  });
});

describe('quantizers', () => {
  test('Gaussian models take uniform, dead-zone and TCQ quantizers; the decoder is given the same', async () => {
    const model = await codableModel('mbt2018-mean', 8, 12);
    for (const quantizer of [
      new UniformQuantizer({ step: 0.5 }),
      new DeadZoneQuantizer({ step: 1, theta: 0.3 }),
      new TcqQuantizer({ step: 0.75, lambda: 0.05 }),
    ]) {
      const coded = await model.compress(image, { backend: 'native', quantizer });
      const decoded = await model.decodeLatents(coded, { backend: 'wasm', quantizer });
      expect(decoded.data, quantizer.name).toEqual(coded.yHat.data);
    }
  });

  test('the autoregressive context takes scalar quantizers only', async () => {
    const model = await codableModel('cheng2020-anchor', 8, 8);
    const quantizer = new DeadZoneQuantizer({ step: 1, theta: 0.35 });
    const coded = await model.compress(image, { backend: 'native', quantizer });
    expect((await model.decodeLatents(coded, { backend: 'wasm', quantizer })).data).toEqual(coded.yHat.data);
    await expect(model.compress(image, { quantizer: new TcqQuantizer({ step: 1, lambda: 0.05 }) })).rejects.toThrow(
      /scalar quantizer .*cheng2020-anchor/,
    );
  });

  test('the mixture and the factorized prior take the uniform quantizer only: a clear error otherwise', async () => {
    const mixture = await codableModel('lico-checkerboard-gmm', 8, 12);
    await expect(
      mixture.compress(image, { quantizer: new TcqQuantizer({ step: 1, lambda: 0.05 }) }),
    ).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT', message: expect.stringMatching(/uniform quantizer/) });
    const coded = await mixture.compress(image, { backend: 'native', quantizer: new UniformQuantizer({ step: 0.5 }) });
    expect(coded.streams).toHaveLength(3);
    const factorized = await codableModel('bmshj2018-factorized', 8, 12);
    await expect(factorized.compress(image, { quantizer: new UniformQuantizer({ step: 0.5 }) })).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });
});

describe('arguments', () => {
  test('one image at a time; streams and shapes are checked before decoding', async () => {
    const model = await codableModel('bmshj2018-hyperprior', 8, 12);
    const two = floatTensor(new Float32Array(2 * 3 * 32 * 32), [2, 3, 32, 32]);
    await expect(model.compress(two)).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
    expect((await model.analysis(two)).dims).toEqual([2, 12, 2, 2]);
    const coded = await model.compress(image, { backend: 'native' });
    await expect(model.decodeLatents({ ...coded, streams: coded.streams.slice(1) })).rejects.toThrow(
      /2 streams \(z, y\)/,
    );
    const wrong = { ...coded, shapes: { ...coded.shapes, image: [80, 70] as const } };
    await expect(model.decodeLatents(wrong)).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
  });
});

describe('refine', () => {
  test('the refiner gets the image, y and the model; its y is what gets coded', async () => {
    const model = await codableModel('bmshj2018-hyperprior', 8, 12);
    const plain = await model.compress(image, { backend: 'native' });
    let given: RefinementInput | undefined;
    const refined = await model.compress(image, {
      backend: 'native',
      refine: async (input) => {
        given = input;
        return floatTensor(
          input.y.data.map(() => 2),
          input.y.dims,
        );
      },
    });
    expect(given?.image).toBe(image);
    expect(given?.model).toBe(model);
    expect(given?.y.dims).toEqual(plain.yHat.dims);
    expect(refined.yHat.data.every((v) => v === 2)).toBe(true);
    expect((await model.decodeLatents(refined, { backend: 'js' })).data.every((v) => v === 2)).toBe(true);
  });

  test('a refiner that returns the wrong shape is a clear error', async () => {
    const model = await codableModel('bmshj2018-hyperprior', 8, 12);
    const refine = async (input: RefinementInput) => floatTensor(input.y.data.slice(1), [input.y.data.length - 1]);
    await expect(model.compress(image, { refine })).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
      message: expect.stringContaining('refine'),
    });
  });
});
