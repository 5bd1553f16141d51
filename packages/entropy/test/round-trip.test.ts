import '@lico/backend-js';
import { type CdfTables, isLicoError, seededRandom } from '@lico/core';
import { describe, expect, test } from 'vitest';
import {
  buildCdfTables,
  decodeWithIndexes,
  encodeWithIndexes,
  idealCodeLength,
  RansSymbolDecoder,
  RansSymbolEncoder,
  sampleFromTables,
} from '../src/index.js';
import { compressAiTables } from './fixture-tables.js';

describe('encodeWithIndexes / decodeWithIndexes [js]', () => {
  test('round-trips adversarial values: int32 extremes, every value an escape, empty input', async () => {
    const tables = await buildCdfTables([[0.9, 0.1], [1]], { valueOffsets: [0, 5] });
    const values = Int32Array.from([0, 1, 2, -1, 2 ** 31 - 1, -(2 ** 31), 5, 4, 6, 0]);
    const indexes = Int32Array.from([0, 0, 0, 0, 0, 1, 1, 1, 1, 1]);
    const stream = await encodeWithIndexes(values, indexes, tables, { lanes: 3 });
    expect(await decodeWithIndexes(stream, indexes, tables)).toEqual(values);
    const empty = await encodeWithIndexes(new Int32Array(0), new Int32Array(0), tables);
    expect(await decodeWithIndexes(empty, new Int32Array(0), tables)).toEqual(new Int32Array(0));
  });

  test('round-trips 10 million symbols from the CompressAI tables', async () => {
    const tables = compressAiTables();
    const { values, indexes } = sampleFromTables(tables, { count: 10_000_000, runLength: 1536, seed: 3 });
    const stream = await encodeWithIndexes(values, indexes, tables);
    const decoded = await decodeWithIndexes(stream, indexes, tables);
    // Buffer.equals: a deep equal over 10 M elements would take longer than the coding.
    expect(Buffer.from(decoded.buffer).equals(Buffer.from(values.buffer))).toBe(true);
  });

  test('codes 1 million symbols of the CompressAI tables within 0.1 % of the ideal length', async () => {
    const tables = compressAiTables();
    // Runs of 512 symbols visit every one of the 1920 tables, low and high rates alike.
    const { values, indexes } = sampleFromTables(tables, { count: 1_000_000, runLength: 512, seed: 4 });
    const stream = await encodeWithIndexes(values, indexes, tables);
    const ideal = idealCodeLength(values, indexes, tables);
    const overhead = (stream.length * 8) / ideal - 1;
    expect(overhead).toBeGreaterThan(0);
    expect(overhead).toBeLessThan(0.001);
  });

  test.each([1, 2, 3, 4, 5, 6, 7, 8])('quality %i tables, 1 M symbols, one lane: within 0.1 %', async (quality) => {
    const tables = compressAiTables([quality]);
    const { values, indexes } = sampleFromTables(tables, { count: 1_000_000, runLength: 1536, seed: quality });
    const stream = await encodeWithIndexes(values, indexes, tables, { lanes: 1 });
    expect((stream.length * 8) / idealCodeLength(values, indexes, tables) - 1).toBeLessThan(0.001);
  });

  test('rejects a lane count over 4096 instead of quietly using fewer', async () => {
    const tables = await buildCdfTables([[0.5, 0.5]], { valueOffsets: [0] });
    await expect(
      encodeWithIndexes(Int32Array.from([0]), Int32Array.from([0]), tables, { lanes: 5000 }),
    ).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });

  test('rejects a table index out of range and mismatched lengths', async () => {
    const tables = await buildCdfTables([[0.5, 0.5]], { valueOffsets: [0] });
    await expect(encodeWithIndexes(Int32Array.from([0]), Int32Array.from([1]), tables)).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
    await expect(encodeWithIndexes(Int32Array.from([0, 1]), Int32Array.from([0]), tables)).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });
});

describe('buildCdfTables', () => {
  test('gives every symbol and the escape a nonzero frequency and an exact total', async () => {
    const random = seededRandom(8);
    const pmfs = Array.from({ length: 50 }, (_, t) => {
      const row = Array.from({ length: 1 + (t % 40) }, () => (random() < 0.3 ? 0 : random()));
      const sum = row.reduce((a, b) => a + b, 0) || 1;
      return row.map((p) => p / sum);
    });
    for (const precision of [8, 16]) {
      const tables = await buildCdfTables(pmfs, { valueOffsets: pmfs.map(() => 0), precision });
      for (let t = 0; t < pmfs.length; t++) {
        const row = tables.cdf.subarray(tables.starts[t], tables.starts[t + 1]);
        expect(row.length).toBe(pmfs[t].length + 2);
        expect(row[row.length - 1]).toBe(2 ** precision);
        for (let i = 1; i < row.length; i++) expect(row[i]).toBeGreaterThan(row[i - 1]);
      }
    }
  });

  test('follows the PMF closely: the most probable symbol gets its share', async () => {
    const tables = await buildCdfTables([[0.5, 0.25, 0.25]], { valueOffsets: [0] });
    expect(Array.from(tables.cdf)).toEqual([0, 32767, 49151, 65535, 65536]);
  });

  test('rejects probabilities outside [0, 1] with a typed error', async () => {
    await expect(buildCdfTables([[0.5, Number.NaN]], { valueOffsets: [0] })).rejects.toSatisfy((e) =>
      isLicoError(e, 'LICO_INVALID_ARGUMENT'),
    );
  });
});

describe('RansSymbolEncoder / RansSymbolDecoder', () => {
  test('code symbol by symbol with explicit CDFs and table sets, across lanes and escapes', async () => {
    const tables: CdfTables = compressAiTables([3]);
    const random = seededRandom(21);
    const encoder = new RansSymbolEncoder({ lanes: 5 });
    const plan: { value: number; table?: number; cdf?: Uint32Array }[] = [];
    const cdfs = [Uint32Array.from([0, 100, 65000, 65536]), Uint32Array.from([0, 65535, 65536])];
    for (let i = 0; i < 20000; i++) {
      if (random() < 0.5) {
        const table = Math.floor(random() * 192);
        const value = Math.floor(random() * 9) - 4;
        encoder.encode(value, tables, table);
        plan.push({ value, table });
      } else {
        const cdf = cdfs[i % 2];
        const value = random() < 0.01 ? 1000 + i : Math.floor(random() * 2);
        encoder.encodeWithCdf(value, cdf, 0);
        plan.push({ value, cdf });
      }
    }
    const stream = await encoder.finish();
    const decoder = new RansSymbolDecoder(stream, { symbolCount: plan.length });
    for (const step of plan) {
      const value = step.cdf ? decoder.decodeWithCdf(step.cdf, 0) : decoder.decode(tables, step.table ?? 0);
      expect(value).toBe(step.value);
    }
    decoder.finish();
  });

  test('reads a bulk-coded stream one symbol at a time', async () => {
    const tables = compressAiTables([5]);
    const { values, indexes } = sampleFromTables(tables, { count: 50000, runLength: 100, seed: 2 });
    const stream = await encodeWithIndexes(values, indexes, tables, { lanes: 16 });
    const decoder = new RansSymbolDecoder(stream, { symbolCount: values.length });
    const decoded = Int32Array.from(indexes, (t) => decoder.decode(tables, t));
    decoder.finish();
    expect(decoded).toEqual(values);
  });

  test('reports a damaged stream with a typed error', async () => {
    const encoder = new RansSymbolEncoder();
    const cdf = Uint32Array.from([0, 30000, 65535, 65536]);
    for (let i = 0; i < 1000; i++) encoder.encodeWithCdf(i % 2, cdf, 0);
    const stream = await encoder.finish();
    const broken = stream.slice(0, stream.length - 3);
    expect(() => new RansSymbolDecoder(broken, { symbolCount: 1000 })).toThrow(
      expect.objectContaining({ code: 'LICO_BITSTREAM_TRUNCATED' }),
    );
  });
});
