import { runKernel, RansEncode, RansDecode } from '@lico/core';
import '@lico/backend-js';
import { expect, test } from 'vitest';
test('smoke', async () => {
  const tables = { precision: 16, cdf: new Uint32Array([0, 40000, 65000, 65536, 0, 1, 65535, 65536]), starts: new Uint32Array([0, 4, 8]), valueOffsets: new Int32Array([0, -1]) };
  const n = 100000;
  const values = new Int32Array(n), indexes = new Int32Array(n);
  for (let i = 0; i < n; i++) { indexes[i] = i & 1; values[i] = (i * 7919) % 5 - 2 + (i % 997 === 0 ? 100000 : 0); }
  const s = await runKernel(RansEncode, { values, indexes, tables }, { lanes: 7 }, 'js');
  const d = await runKernel(RansDecode, { stream: s, indexes, tables }, {}, 'js');
  expect(Array.from(d)).toEqual(Array.from(values));
});
