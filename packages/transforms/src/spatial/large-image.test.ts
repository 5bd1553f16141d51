import { describe, expect, test } from 'vitest';
import { randomInput } from '../../test/layer-cases.js';
import { conv, createTransformSession, deconv, GDN, IGDN, Sequential } from '../index.js';

/**
 * A 4096×4096 image through bmshj2018-factorized-sized transforms (N = 192, M = 320, CompressAI's
 * qualities 6 to 8), on onnxruntime-node unless told otherwise, tiled by default, staying under 4 GiB of resident
 * memory. It computes about 6 TFLOP (minutes on 2 cores), so it runs only when asked for:
 * `LICO_TEST_LARGE_IMAGE=1 npx vitest run packages/transforms/src/spatial/large-image.test.ts`
 * (`LICO_TEST_LARGE_IMAGE_BACKEND=wasm` for another backend, `LICO_TEST_THREADS` for threads).
 */
const run = process.env.LICO_TEST_LARGE_IMAGE === '1';
const GiB = 1024 ** 3;

describe.runIf(run)('a 4096×4096 image', () => {
  test('encodes and decodes, tiled, within 4 GiB', { timeout: 3_600_000 }, async () => {
    const [n, m] = [192, 320];
    const gA = new Sequential(conv(3, n), new GDN(n), conv(n, n), new GDN(n), conv(n, n), new GDN(n), conv(n, m));
    const gS = new Sequential(
      deconv(m, n),
      new IGDN(n),
      deconv(n, n),
      new IGDN(n),
      deconv(n, n),
      new IGDN(n),
      deconv(n, 3),
    );
    gA.initialize(1);
    gS.initialize(2);
    const threads = Number(process.env.LICO_TEST_THREADS ?? 2);
    const backend = process.env.LICO_TEST_LARGE_IMAGE_BACKEND ?? 'native';
    const image = randomInput([1, 3, 4096, 4096], 3);
    const encoder = await createTransformSession(gA, { backend, threads });
    const decoder = await createTransformSession(gS, { backend, threads });
    const started = performance.now();
    const y = await encoder.run(image);
    const encoded = performance.now();
    const xHat = await decoder.run(y, { outputSize: [4096, 4096] });
    const decoded = performance.now();
    const peak = process.resourceUsage().maxRSS * 1024;
    console.log(
      `4096×4096, N=${n}, M=${m}, ${backend}, ${threads} threads: encode ${((encoded - started) / 1000).toFixed(1)} s, decode ${((decoded - encoded) / 1000).toFixed(1)} s, peak RSS ${(peak / GiB).toFixed(2)} GiB`,
    );
    expect(y.dims).toEqual([1, m, 256, 256]);
    expect(xHat.dims).toEqual([1, 3, 4096, 4096]);
    expect(peak).toBeLessThan(4 * GiB);
    await Promise.all([encoder.dispose(), decoder.dispose()]);
  });
});
