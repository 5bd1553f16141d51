import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  readNpy,
  readPytorchCheckpoint,
  readSafetensors,
  type WeightMap,
  writeNpy,
  writeSafetensors,
} from '../src/index.js';

const fixture = (name: string) =>
  new Uint8Array(readFileSync(new URL(`../../../fixtures/checkpoints/${name}`, import.meta.url)));

describe('PyTorch checkpoints', () => {
  test('a CompressAI training checkpoint: its state dict, with the names and shapes PyTorch wrote', () => {
    const { tensors, skipped } = readPytorchCheckpoint(fixture('bmshj2018-hyperprior.pth.tar'));
    expect(skipped).toEqual([]);
    expect(tensors.get('g_a.0.weight')?.shape).toEqual([8, 3, 5, 5]);
    expect(tensors.get('g_s.0.weight')?.shape).toEqual([12, 8, 5, 5]); // ConvTranspose2d: [in, out, k, k]
    expect(tensors.get('g_a.1.gamma')?.shape).toEqual([8, 8]);
    expect(tensors.get('entropy_bottleneck._matrix0')?.shape).toEqual([8, 3, 1]);
    expect(tensors.get('entropy_bottleneck.quantiles')?.shape).toEqual([8, 1, 3]);
    expect(tensors.get('entropy_bottleneck._offset')?.shape).toEqual([0]);
    const pedestal = tensors.get('g_a.1.beta_reparam.pedestal')?.data[0] ?? 0;
    expect(pedestal).toBeCloseTo(2 ** -36, 45);
    // Contiguous copies in PyTorch's order: GDN's gamma rows are its output channels.
    const gamma = tensors.get('g_a.1.gamma');
    expect(gamma?.data.length).toBe(64);
  });

  test('every fixture architecture loads', () => {
    for (const name of ['bmshj2018-factorized', 'mbt2018-mean', 'cheng2020-anchor', 'cheng2020-attn']) {
      const { tensors } = readPytorchCheckpoint(fixture(`${name}.pth.tar`));
      expect(tensors.size, name).toBeGreaterThan(20);
    }
  });

  test('damaged input is LICO_WEIGHTS_INVALID, never a crash', () => {
    const good = fixture('bmshj2018-factorized.pth.tar');
    for (const bad of [
      new Uint8Array(0),
      new Uint8Array([0x80, 0x02, 0x8a]),
      good.subarray(0, 1000),
      good.map((b, i) => (i > 200 && i < 260 ? 0 : b)),
    ]) {
      expect(() => readPytorchCheckpoint(bad)).toThrow(expect.objectContaining({ code: 'LICO_WEIGHTS_INVALID' }));
    }
  });
});

describe('safetensors', () => {
  const tensors: WeightMap = new Map([
    ['g_a.0.weight', { shape: [2, 1, 1, 3], data: Float32Array.of(1, -2.5, 0.1, 3e-5, 65504, -0) }],
    ['h_s.int.weights', { shape: [3], data: Int32Array.of(-128, 0, 2 ** 30) }],
    ['h_s.int.small', { shape: [2, 2], data: Int32Array.of(-32768, 32767, 5, -2047) }],
  ]);

  test('float32 round trip is exact; float16 is within half precision', () => {
    const read = readSafetensors(writeSafetensors(tensors, { architecture: 'bmshj2018-hyperprior' }));
    expect(read.metadata).toEqual({ architecture: 'bmshj2018-hyperprior' });
    expect(read.tensors.get('g_a.0.weight')).toEqual(tensors.get('g_a.0.weight'));
    expect(read.tensors.get('h_s.int.weights')).toEqual(tensors.get('h_s.int.weights'));
    // Integers that fit in 16 bits are stored as I16, read back as Int32Array.
    expect(read.tensors.get('h_s.int.small')).toEqual(tensors.get('h_s.int.small'));
    const header = new TextDecoder().decode(writeSafetensors(tensors).subarray(8, 400));
    expect(header).toContain('"h_s.int.small":{"dtype":"I16"');
    expect(header).toContain('"h_s.int.weights":{"dtype":"I32"');
    const half = readSafetensors(writeSafetensors(tensors, {}, { floatDtype: 'F16' })).tensors.get('g_a.0.weight');
    const original = tensors.get('g_a.0.weight')?.data ?? new Float32Array();
    original.forEach((v, i) => {
      expect(Math.abs((half?.data[i] ?? Number.NaN) - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -24);
    });
  });

  test('lying headers are LICO_WEIGHTS_INVALID', () => {
    const bytes = writeSafetensors(tensors);
    const header = (text: string) => {
      const json = new TextEncoder().encode(text);
      const out = new Uint8Array(8 + json.length + 16);
      new DataView(out.buffer).setBigUint64(0, BigInt(json.length), true);
      out.set(json, 8);
      return out;
    };
    const cases = [
      bytes.subarray(0, 5),
      header('{"a": {"dtype": "F32", "shape": [100], "data_offsets": [0, 400]}}'),
      header('{"a": {"dtype": "F64", "shape": [2], "data_offsets": [0, 16]}}'),
      header('{"a": {"dtype": "F32", "shape": [-1], "data_offsets": [0, 4]}}'),
      header('not json'),
    ];
    const huge = bytes.slice();
    new DataView(huge.buffer).setBigUint64(0, 2n ** 60n, true);
    cases.push(huge);
    for (const bad of cases)
      expect(() => readSafetensors(bad)).toThrow(expect.objectContaining({ code: 'LICO_WEIGHTS_INVALID' }));
  });
});

describe('.npy', () => {
  test('reads what NumPy wrote and round-trips its own files', () => {
    const y = readNpy(fixture('bmshj2018-hyperprior.y.npy'));
    expect(y.shape).toEqual([1, 12, 3, 4]);
    expect(readNpy(writeNpy(y))).toEqual(y);
  });
});
