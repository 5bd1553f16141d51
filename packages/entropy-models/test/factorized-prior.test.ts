import '@lico/backend-js';
import { seededRandom } from '@lico/core';
import { describe, expect, test } from 'vitest';
import { FactorizedPrior, initialFactorizedPrior } from '../src/index.js';

describe('FactorizedPrior', () => {
  // Different densities per channel, as training would give, with quantiles at their tails.
  const initial = initialFactorizedPrior(4, 3);
  for (let c = 0; c < 4; c++) initial.biases[0].fill(c * 1.7 - 2, 3 * c, 3 * c + 3);
  const parameters = new FactorizedPrior(initial).withFittedQuantiles();

  test('fitted quantiles bracket each channel’s median', () => {
    for (let c = 0; c < 4; c++) {
      const [low, median, high] = parameters.quantiles.subarray(3 * c, 3 * c + 3);
      expect(low).toBeLessThan(median);
      expect(median).toBeLessThan(high);
    }
    expect(new Set(Array.from({ length: 4 }, (_, c) => parameters.quantiles[3 * c + 1].toFixed(3))).size).toBe(4);
  });

  test('its cell masses over the integers sum to 1 for every channel', () => {
    const prior = new FactorizedPrior(parameters);
    for (let c = 0; c < 4; c++) {
      const values = Float32Array.from({ length: 401 }, (_, i) => i - 200);
      const total = prior.likelihood(values, [1, 1, 401]).reduce((a, b) => a + b, 0);
      expect(total).toBeCloseTo(1, 5);
    }
  });

  test('coded bits are within 1 % of −log2 likelihood on values sampled from the prior', async () => {
    const prior = new FactorizedPrior(parameters);
    await prior.update();
    const random = seededRandom(4);
    const shape = [4, 96, 96] as const;
    const z = prior.sample(shape, random);
    const { stream, reconstruction } = await prior.compress(z, shape);
    const bits = prior.likelihood(reconstruction, shape).reduce((sum, p) => sum - Math.log2(p), 0);
    expect(Math.abs((stream.length * 8) / bits - 1)).toBeLessThan(0.01);
  });

  test('decompress rebuilds the reconstruction, values far in the tails included', async () => {
    const prior = new FactorizedPrior(parameters);
    await prior.update();
    const shape = [4, 5, 7] as const;
    const z = Float32Array.from({ length: 140 }, (_, i) => (i === 3 ? 5000 : i === 9 ? -777.3 : Math.sin(i) * 6));
    const { stream, reconstruction } = await prior.compress(z, shape);
    expect(await prior.decompress(stream, shape)).toEqual(reconstruction);
    expect(reconstruction[3]).toBeCloseTo(5000, 0);
  });

  test('typed errors: shapes that do not fit, coding before update()', async () => {
    expect(() => new FactorizedPrior({ ...parameters, quantiles: new Float32Array(3) })).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
    const prior = new FactorizedPrior(parameters);
    await expect(prior.compress(new Float32Array(4), [4, 1, 1])).rejects.toMatchObject({ code: 'LICO_CDF_NOT_READY' });
    await prior.update();
    await expect(prior.compress(new Float32Array(3), [3, 1, 1])).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });
});
