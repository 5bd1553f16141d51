import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { createHash } from 'node:crypto';
import { getBackend } from '@lico/core';
import { beforeAll, describe, expect, test } from 'vitest';
import { decodeWithIndexes, encodeWithIndexes, sampleFromTables } from '../src/index.js';
import { compressAiTables } from './fixture-tables.js';

const BACKENDS = ['js', 'native', 'wasm', 'webgpu'] as const;

describe('streams cross every pair of backends', () => {
  const tables = compressAiTables();
  const { values, indexes } = sampleFromTables(tables, { count: 300_000, runLength: 777, seed: 11 });
  // A few values far outside their tables, so escapes cross backends too.
  for (let i = 5; i < values.length; i += 9973) values[i] = i % 2 ? 2 ** 31 - 1 - i : -(2 ** 31) + i;
  const streams = new Map<string, Uint8Array>();

  beforeAll(async () => {
    for (const name of BACKENDS) {
      streams.set(
        name,
        await encodeWithIndexes(values, indexes, tables, { lanes: 48, backend: await getBackend(name) }),
      );
    }
  });

  test('every backend writes the same bytes', () => {
    const hashes = BACKENDS.map((name) =>
      createHash('sha256')
        .update(streams.get(name) ?? new Uint8Array())
        .digest('hex'),
    );
    expect(new Set(hashes).size).toBe(1);
  });

  test.each(BACKENDS.flatMap((from) => BACKENDS.map((to) => [from, to] as const)))(
    'encoded on %s, decoded on %s',
    async (from, to) => {
      const decoded = await decodeWithIndexes(streams.get(from) ?? new Uint8Array(), indexes, tables, { backend: to });
      expect(Buffer.from(decoded.buffer).equals(Buffer.from(values.buffer))).toBe(true);
    },
  );
});
