import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { seededRandom } from '@lico/core';
import { encodeWithIndexes } from '@lico/entropy';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  buildQuantizerTables,
  DeadZoneQuantizer,
  GaussianDensity,
  type QuantizedLatents,
  type Quantizer,
  TcqQuantizer,
  UniformQuantizer,
} from '../src/index.js';

const BACKENDS = ['js', 'native', 'wasm', 'webgpu'] as const;
const shape = [16, 12, 20] as const;
const plane = shape[1] * shape[2];
const n = shape[0] * plane;
const random = seededRandom(9);
const scales = Array.from({ length: shape[0] }, (_, c) => 0.2 * 1.3 ** c);
const latents = Float32Array.from({ length: n }, (_, i) => (random() - 0.5) * 4 * scales[Math.floor(i / plane)]);
const means = Float32Array.from({ length: n }, () => (random() - 0.5) * 0.3);
const tableIndexes = Int32Array.from({ length: n }, (_, i) => Math.floor(i / plane));

describe.each([
  new UniformQuantizer({ step: 0.3 }),
  new DeadZoneQuantizer({ step: 0.3 }),
  new TcqQuantizer({ step: 0.2, lambda: 0.02, states: 4 }),
  new TcqQuantizer({ step: 0.2, lambda: 0.02, states: 8 }),
] as Quantizer[])('$name across backends', (quantizer) => {
  const results = new Map<string, QuantizedLatents>();
  const streams = new Map<string, Uint8Array>();
  let params: Parameters<Quantizer['quantize']>[1] & { shape: typeof shape };

  beforeAll(async () => {
    const tables = await buildQuantizerTables(
      quantizer,
      scales.map((s) => new GaussianDensity(s)),
    );
    params = { tableIndexes, means, tables, shape };
    for (const backend of BACKENDS) {
      const quantized = await quantizer.quantize(latents, params, backend);
      results.set(backend, quantized);
      streams.set(backend, await encodeWithIndexes(quantized.indexes, quantized.codingIndexes, tables, { backend }));
    }
  });

  test('every backend makes the same decisions and reconstruction', () => {
    for (const backend of BACKENDS) {
      expect(results.get(backend)?.indexes, backend).toEqual(results.get('js')?.indexes);
      expect(results.get(backend)?.reconstruction, backend).toEqual(results.get('js')?.reconstruction);
    }
  });

  test.each(BACKENDS.flatMap((from) => BACKENDS.map((to) => [from, to] as const)))(
    'encoded on %s, decoded on %s: the encoder reconstruction exactly',
    async (from, to) => {
      const indexes = await quantizer.decodeIndexes(streams.get(from) ?? new Uint8Array(), params, to);
      expect(await quantizer.dequantize(indexes, params, to)).toEqual(results.get(from)?.reconstruction);
    },
  );
});
