import '@lico/backend-js';
import '@lico/backend-native';
import { fileURLToPath } from 'node:url';
import { type CodecImage, createModel, decode, encode } from '@lico/models';
import { floatTensor } from '@lico/transforms';
import sharp from 'sharp';
import { describe, expect, test } from 'vitest';
import { latentRefiner, refineLatents, setTrainBackend } from '../src/index.js';

const KODIM23 = fileURLToPath(new URL('../../../assets/kodim23.png', import.meta.url));

/** λ·255²·MSE + bpp of a Lico file of `image`, decoded by the plain decoder. */
async function realCost(file: Uint8Array, image: CodecImage, lambda: number): Promise<number> {
  const decoded = await decode(file);
  let squared = 0;
  for (let i = 0; i < image.data.length; i++) squared += ((image.data[i] - decoded.data[i]) / 255) ** 2;
  return lambda * 255 ** 2 * (squared / image.data.length) + (8 * file.length) / (image.width * image.height);
}

describe('refineLatents', () => {
  test('on the default model, a refined file costs less in bits and error than a plain one, and decodes as any file', async () => {
    await setTrainBackend('native');
    // A 200×120 window of the sample image: no multiple of 16 in height, so the padding is masked.
    const { data, info } = await sharp(KODIM23)
      .extract({ left: 360, top: 180, width: 200, height: 120 })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const image: CodecImage = { width: info.width, height: info.height, channels: 3, data: new Uint8Array(data) };
    const plain = await encode(image, { quality: 3, backend: 'native' });
    const refined = await encode(image, { quality: 3, backend: 'native', refine: latentRefiner({ iterations: 20 }) });
    expect(refined).not.toEqual(plain);
    expect(await realCost(refined, image, 0.0067)).toBeLessThan(await realCost(plain, image, 0.0067));
  });

  test('the same inputs give the same y; 0 iterations give the y it was given', async () => {
    await setTrainBackend('js');
    const model = await createModel('bmshj2018-hyperprior', { N: 4, M: 6, seed: 3 });
    const image = floatTensor(
      Float32Array.from({ length: 3 * 20 * 36 }, (_, i) => 0.5 + 0.4 * Math.sin(i / 7)),
      [1, 3, 20, 36],
    );
    const y = await model.analysis(image, { backend: 'js' });
    const input = {
      image,
      y: floatTensor(
        y.data.map((v) => v * 20),
        y.dims,
      ),
      model,
    };
    const first = await refineLatents(input, { iterations: 4, lambda: 0.05, learningRate: 0.5 });
    const second = await refineLatents(input, { iterations: 4, lambda: 0.05, learningRate: 0.5 });
    expect(first.dims).toEqual([1, 6, 2, 3]);
    expect(first.data).toEqual(second.data);
    expect(await refineLatents(input, { iterations: 0, lambda: 0.05 })).toBe(input.y);
  });

  test('bad options and models it cannot refine are clear errors', async () => {
    await setTrainBackend('js');
    const image = floatTensor(new Float32Array(3 * 16 * 16).fill(0.5), [1, 3, 16, 16]);
    const model = await createModel('bmshj2018-hyperprior', { N: 4, M: 6 });
    const y = await model.analysis(image, { backend: 'js' });
    await expect(refineLatents({ image, y, model })).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
      message: expect.stringContaining('lambda'),
    });
    for (const options of [{ iterations: -1 }, { iterations: 1.5 }, { learningRate: 0 }]) {
      await expect(refineLatents({ image, y, model }, { lambda: 0.01, ...options })).rejects.toMatchObject({
        code: 'LICO_INVALID_ARGUMENT',
      });
    }
    // The whole image's activations are held for the gradient: large images are refused before any work.
    await expect(refineLatents({ image, y, model }, { lambda: 0.01, maxPixels: 255 })).rejects.toMatchObject({
      code: 'LICO_LIMIT_EXCEEDED',
      message: expect.stringContaining('16×16'),
    });
    expect((await refineLatents({ image, y, model }, { lambda: 0.01, maxPixels: 256 })).dims).toEqual(y.dims);
    const factorized = await createModel('bmshj2018-factorized', { N: 4, M: 6 });
    const yFactorized = await factorized.analysis(image, { backend: 'js' });
    await expect(refineLatents({ image, y: yFactorized, model: factorized }, { lambda: 0.01 })).rejects.toMatchObject({
      code: 'LICO_UNSUPPORTED_MODEL',
    });
  });
});
