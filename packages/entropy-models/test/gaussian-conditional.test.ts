import '@lico/backend-js';
import { seededRandom } from '@lico/core';
import { TcqQuantizer } from '@lico/quantizers';
import { describe, expect, test } from 'vitest';
import { fixedScaleTable, GaussianConditional, scaleIndexes } from '../src/index.js';

const random = seededRandom(12);
const normal = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());

/** Latents drawn from the model itself: a random table scale and a fixed-point mean each. */
function sampleFromModel(model: GaussianConditional, n: number) {
  const indexes = Int32Array.from({ length: n }, () => Math.floor(random() * 40));
  const scales = Float32Array.from(indexes, (k) => model.scales[k]);
  const means = Float32Array.from({ length: n }, () => Math.round((random() - 0.5) * 8 * 256) / 256);
  const y = Float32Array.from({ length: n }, (_, i) => means[i] + scales[i] * normal());
  return { y, scales, means, scaleIndexes: indexes };
}

describe('GaussianConditional', () => {
  test('scale indexes: the nearest table entry on a log scale, in integers', () => {
    const table = Int32Array.of(10, 20, 40, 80);
    // Boundaries at √200 ≈ 14.1, √800 ≈ 28.3 and √3200 ≈ 56.6; ties (s² = product) go down.
    const scales = Int32Array.of(-5, 0, 10, 14, 15, 20, 28, 29, 56, 57, 80, 81, 2 ** 31 - 1);
    expect(Array.from(scaleIndexes(scales, table))).toEqual([0, 0, 0, 0, 1, 1, 1, 2, 2, 3, 3, 3, 3]);
    expect(Array.from(scaleIndexes(Int32Array.of(7, 8, 9), Int32Array.of(4, 16)))).toEqual([0, 0, 1]);
  });

  test('scale tables: increasing in fixed point, positive, within 2^18', () => {
    expect(Array.from(fixedScaleTable([0.5, 1, 2 ** 18]))).toEqual([128, 256, 2 ** 26]);
    expect(() => fixedScaleTable([1, 1.001])).toThrow(RangeError);
    expect(() => fixedScaleTable([0.001, 1])).toThrow(RangeError);
    expect(() => fixedScaleTable([1, 2 ** 19])).toThrow(RangeError);
  });

  test('coded bits are within 1 % of the model’s −log2 likelihood on latents sampled from it', async () => {
    const model = new GaussianConditional();
    await model.update();
    const { y, scales, means, scaleIndexes: indexes } = sampleFromModel(model, 300_000);
    const { stream, reconstruction } = await model.compress(y, { scaleIndexes: indexes, means });
    // The likelihood of what was coded: the quantized latents ŷ.
    const likelihood = model.likelihood(reconstruction, scales, means);
    const modelBits = likelihood.reduce((bits, p) => bits - Math.log2(p), 0);
    expect(Math.abs((stream.length * 8) / modelBits - 1)).toBeLessThan(0.01);
  });

  test('decompress rebuilds compress’s reconstruction, with the uniform quantizer and with TCQ', async () => {
    for (const quantizer of [undefined, new TcqQuantizer({ step: 0.5, lambda: 0.05, states: 8 })]) {
      const model = new GaussianConditional({ quantizer });
      await model.update();
      const { y, means, scaleIndexes: indexes } = sampleFromModel(model, 6 * 8 * 8);
      const params = { scaleIndexes: indexes, means, shape: [6, 8, 8] as const };
      const { stream, reconstruction } = await model.compress(y, params);
      expect(await model.decompress(stream, params)).toEqual(reconstruction);
    }
  });

  test('parametersFrom reads scales then means (CompressAI’s order), or scales alone', () => {
    const output = { values: Int32Array.of(256, 512, -128, 64), shape: [2, 1, 2] as [number, number, number] };
    const meanScale = new GaussianConditional().parametersFrom(output);
    expect(meanScale.shape).toEqual([1, 1, 2]);
    expect(Array.from(meanScale.means as Float32Array)).toEqual([-0.5, 0.25]);
    expect(meanScale.scaleIndexes).toEqual(new GaussianConditional().indexesFor(Int32Array.of(256, 512)));
    const scaleOnly = new GaussianConditional({ means: false }).parametersFrom(output);
    expect(scaleOnly.means).toBeUndefined();
    expect(scaleOnly.shape).toEqual([2, 1, 2]);
  });

  test('coding before update() is LICO_CDF_NOT_READY', async () => {
    const model = new GaussianConditional();
    await expect(model.compress(new Float32Array(4), { scaleIndexes: new Int32Array(4) })).rejects.toMatchObject({
      code: 'LICO_CDF_NOT_READY',
    });
  });
});
