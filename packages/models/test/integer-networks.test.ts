import '@lico/backend-native';
import { toFixedLatents } from '@lico/quantizers';
import { createTransformSession, floatTensor, type Sequential } from '@lico/transforms';
import { describe, expect, test } from 'vitest';
import { type ArchitectureName, createModel } from '../src/index.js';
import { codableModel, testImage } from './helpers.js';

const rms = (a: ArrayLike<number>) => Math.sqrt(Array.from(a).reduce((s, v) => s + v * v, 0) / a.length);

describe('the integer parameter networks compute what the float ones do', () => {
  test.each(['bmshj2018-hyperprior', 'mbt2018-mean', 'cheng2020-anchor'] as const)(
    '%s: the integer h_s of ẑ against the float h_s',
    async (arch: ArchitectureName) => {
      const model = await codableModel(arch, 8, arch.startsWith('cheng') ? 8 : 12);
      const { hA, hS } = model.architecture.modules as { hA: Sequential; hS: Sequential };
      const y = await model.analysis(testImage(128, 160), { backend: 'native' });
      const yIn = arch === 'bmshj2018-hyperprior' ? floatTensor(y.data.map(Math.abs), y.dims) : y;
      const z = await (await createTransformSession(hA, { backend: 'native' })).run(yIn);
      const zHat = floatTensor(z.data.map(Math.round), z.dims);
      const expected = await (await createTransformSession(hS, { backend: 'js' })).run(zHat, { padding: 'none' });
      const converted = model.integerNetworks?.hS;
      const zShape = [z.dims[1], z.dims[2], z.dims[3]] as const;
      const out = await converted?.network.run({ values: toFixedLatents(zHat.data), shape: zShape }, 'native');
      const [, channels, height, width] = expected.dims;
      expect(out?.shape).toEqual([channels, height, width]);
      const actual = Array.from(out?.values ?? [], (v) => v / 2 ** (converted?.outputFractionBits ?? 0));
      const error = actual.map((v, i) => v - expected.data[i]);
      expect(new Set(zHat.data).size).toBeGreaterThan(3);
      expect(rms(error) / rms(expected.data)).toBeLessThan(0.05);
      if (arch === 'bmshj2018-hyperprior') {
        // The scales keep the latent fixed point; the final ReLU is a clamp at 0.
        expect(converted?.outputFractionBits).toBe(8);
        expect(Math.min(...actual)).toBeGreaterThanOrEqual(0);
      }
    },
  );

  test('the masked contexts keep their masks in integers: causal for cheng2020, checkerboard for Lico’s', async () => {
    for (const [arch, M, kept] of [
      ['cheng2020-anchor', 8, (r: number, c: number) => r < 2 || (r === 2 && c < 2)],
      ['lico-checkerboard-gmm', 6, (r: number, c: number) => (r + c) % 2 === 1],
    ] as const) {
      const model = await createModel(arch, { N: 8, M, backend: 'native' });
      const [layer] = model.integerNetworks?.contextPrediction?.network.layers ?? [];
      layer.weights.forEach((w, i) => {
        const tap = i % 25;
        if (!kept(Math.floor(tap / 5), tap % 5)) expect(w, `${arch} tap ${tap}`).toBe(0);
      });
      expect(layer.weights.some((w) => w !== 0)).toBe(true);
    }
  });
});
