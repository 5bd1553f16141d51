import '@lico/backend-js';
import { isLicoError, RansDecode, RansEncode, runKernel } from '@lico/core';
import { drawValues, type RansCase, randomTables, ransCases } from '@lico/core/conformance';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createWebGpuBackend, type WebGpuBackend } from '../src/index.js';

// Conformance inputs fit in one chunk; a backend with tiny chunks makes every case cross many
// chunk boundaries, where lane state and byte windows are carried over.
describe('chunked calls [webgpu]', () => {
  let backend: WebGpuBackend;
  let cases: RansCase[];
  beforeAll(async () => {
    backend = await createWebGpuBackend({ maxChunkSymbols: 997 });
    cases = (await ransCases()).filter((c) => c.values.length <= 30000);
  });
  afterAll(() => backend?.dispose());

  test('RansEncode [webgpu] writes the js bytes across chunks', async () => {
    for (const c of cases) {
      const expected = await runKernel(RansEncode, c, { lanes: c.lanes }, 'js');
      const actual = await runKernel(RansEncode, c, { lanes: c.lanes }, backend);
      expect(actual, c.name).toEqual(expected);
    }
  });

  test('RansDecode [webgpu] decodes across chunks', async () => {
    for (const c of cases) {
      const stream = await runKernel(RansEncode, c, { lanes: c.lanes }, 'js');
      const decoded = await runKernel(RansDecode, { stream, indexes: c.indexes, tables: c.tables }, {}, backend);
      expect(decoded, c.name).toEqual(c.values);
    }
  });

  test('RansDecode [webgpu] rejects truncated and corrupted streams across chunks', async () => {
    const tables = await randomTables(5, 16, 16, 200);
    const { values, indexes } = drawValues(6, tables, 3000, 0.01);
    const stream = await runKernel(RansEncode, { values, indexes, tables }, { lanes: 3 }, 'js');
    let detected = 0;
    const trials = 40;
    for (let trial = 0; trial < trials; trial++) {
      const at = (trial * 7919) % stream.length;
      const broken = trial % 2 === 0 ? stream.slice(0, at) : stream.slice();
      if (trial % 2 === 1) broken[at] ^= 1 + ((trial * 37) % 255);
      try {
        await runKernel(RansDecode, { stream: broken, indexes, tables }, {}, backend);
      } catch (error) {
        expect(
          isLicoError(error, 'LICO_BITSTREAM_CORRUPT') || isLicoError(error, 'LICO_BITSTREAM_TRUNCATED'),
          String(error),
        ).toBe(true);
        detected++;
      }
    }
    expect(detected).toBeGreaterThanOrEqual(trials * 0.9);
  });

  test('createWebGpuBackend [webgpu] rejects a bad chunk size before touching the GPU', async () => {
    await expect(createWebGpuBackend({ maxChunkSymbols: 0 })).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
  });
});
