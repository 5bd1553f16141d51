import '@lico/backend-js';
import '@lico/backend-native';
import { beforeAll, describe, expect, test } from 'vitest';
import {
  type CompressionModel,
  importCheckpoint,
  loadModel,
  readPytorchCheckpoint,
  readSafetensors,
  type WeightMap,
  WeightsMismatchError,
  writeSafetensors,
} from '../src/index.js';
import { fixture, testImage } from './helpers.js';

const mismatchOf = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WeightsMismatchError);
  return error as WeightsMismatchError;
};

describe('Lico weights files', () => {
  let model: CompressionModel;
  let file: Uint8Array;

  beforeAll(async () => {
    model = await importCheckpoint(fixture('cheng2020-anchor.pth.tar'), {
      arch: 'cheng2020-anchor',
      quality: 3,
      lambda: 0.0067,
      backend: 'native',
    });
    file = model.toSafetensors();
  });

  test('hold CompressAI’s names as float32, the integer networks as int32, and the metadata', () => {
    const { metadata, tensors } = readSafetensors(file);
    expect(metadata).toEqual({
      format: 'lico-weights',
      format_version: '1',
      architecture: 'cheng2020-anchor',
      N: '12',
      M: '12',
      quality: '3',
      lambda: '0.0067',
    });
    const checkpoint = readPytorchCheckpoint(fixture('cheng2020-anchor.pth.tar')).tensors;
    for (const name of ['g_a.0.conv1.weight', 'entropy_bottleneck._matrix0', 'entropy_parameters.4.bias']) {
      expect(tensors.get(name)).toEqual(checkpoint.get(name));
    }
    expect(tensors.get('integer.h_s.0.weight')?.data).toBeInstanceOf(Int32Array);
    expect(tensors.get('integer.h_s.1.geometry')?.data).toEqual(Int32Array.of(1, 1, 0, 0, 2)); // subpel: shuffle 2
    expect(tensors.get('integer.context_prediction.input')?.shape).toEqual([2]);
    // Derived buffers are not written.
    expect([...tensors.keys()].filter((n) => /pedestal|bound|mask|_offset|_cdf/.test(n))).toEqual([]);
  });

  test('load back identical (float32), with the stored integer networks: no recalibration', async () => {
    // No calibration images: a load that tried to calibrate would fail.
    const loaded = await loadModel(file, { calibration: [] });
    expect(loaded.info).toEqual(model.info);
    expect(loaded.weights()).toEqual(model.weights());
    expect(loaded.integerNetworks).toEqual(model.integerNetworks);
    expect(loaded.toSafetensors()).toEqual(file);
    const image = testImage(32, 48);
    const [a, b] = await Promise.all([model.compress(image), loaded.compress(image)]);
    expect(b.streams).toEqual(a.streams);
  });

  test('float16 files are half the size and within half precision', async () => {
    const half = model.toSafetensors({ floatDtype: 'F16' });
    const loaded = await loadModel(half, { calibration: [] });
    const original = model.weights();
    for (const [name, tensor] of loaded.weights()) {
      const expected = original.get(name)?.data ?? new Float32Array();
      tensor.data.forEach((v, i) => {
        expect(Math.abs(v - expected[i]), name).toBeLessThanOrEqual(Math.abs(expected[i]) * 2 ** -11 + 2 ** -24);
      });
    }
    expect(loaded.integerNetworks).toEqual(model.integerNetworks);
  });

  test('a plain state dict (no metadata) loads given its architecture, and is calibrated', async () => {
    const plain = writeSafetensors(model.weights());
    await expect(loadModel(plain)).rejects.toMatchObject({ code: 'LICO_WEIGHTS_INVALID' });
    const loaded = await loadModel(plain, { arch: 'cheng2020-anchor', backend: 'native' });
    expect(loaded.integerNetworks).toEqual(model.integerNetworks); // the same calibration
  });

  test('CompressAI’s newer spelling of the entropy bottleneck (matrices.0, biases.0, factors.0) is read', async () => {
    const renamed: WeightMap = new Map(
      [...model.weights()].map(([name, t]) => [
        name
          .replace(/_matrix(\d)$/, 'matrices.$1')
          .replace(/_bias(\d)$/, 'biases.$1')
          .replace(/_factor(\d)$/, 'factors.$1'),
        t,
      ]),
    );
    expect(renamed.has('entropy_bottleneck.matrices.4')).toBe(true);
    const loaded = await loadModel(writeSafetensors(renamed), { arch: 'cheng2020-anchor', backend: 'native' });
    expect(loaded.weights()).toEqual(model.weights());
  });

  test('another version or architecture is refused with its own code', async () => {
    const { tensors, metadata } = readSafetensors(file);
    const rewrite = (changes: Record<string, string>) => writeSafetensors(tensors, { ...metadata, ...changes });
    await expect(loadModel(rewrite({ format_version: '2' }))).rejects.toMatchObject({
      code: 'LICO_UNSUPPORTED_VERSION',
    });
    await expect(loadModel(rewrite({ architecture: 'jpeg-ai' }))).rejects.toMatchObject({
      code: 'LICO_UNSUPPORTED_MODEL',
    });
    await expect(loadModel(rewrite({ N: 'twelve' }))).rejects.toMatchObject({ code: 'LICO_WEIGHTS_INVALID' });
  });

  test('integer networks that do not fit are listed by name', async () => {
    const { tensors, metadata } = readSafetensors(file);
    const changed = new Map(tensors);
    changed.delete('integer.h_s.4.bias');
    changed.set('integer.h_s.9.weight', { shape: [1], data: Int32Array.of(1) });
    changed.set('integer.context_prediction.0.geometry', { shape: [5], data: Int32Array.of(1, 0, 0, 0, 1) });
    const error = await mismatchOf(loadModel(writeSafetensors(changed, metadata)));
    expect(error.missing).toEqual(['integer.h_s.4.bias']);
    expect(error.unexpected).toEqual(['integer.h_s.9.weight']);
    expect(error.misShaped).toEqual([
      { name: 'integer.context_prediction.0.geometry', expected: [1, 2, 0, 0, 1], actual: [1, 0, 0, 0, 1] },
    ]);
  });
});

describe('checkpoints that do not fit', () => {
  test('the wrong architecture: LICO_WEIGHTS_MISMATCH naming the tensors', async () => {
    // mbt2018-mean's h_s maps N → M → 3M/2 → 2M; bmshj2018-hyperprior's N → N → N → M.
    const error = await mismatchOf(importCheckpoint(fixture('mbt2018-mean.pth.tar'), { arch: 'bmshj2018-hyperprior' }));
    expect(error.code).toBe('LICO_WEIGHTS_MISMATCH');
    expect(error.missing).toEqual([]);
    expect(error.unexpected).toEqual([]);
    expect(error.misShaped.map((m) => m.name)).toEqual([
      'h_s.0.weight',
      'h_s.0.bias',
      'h_s.2.weight',
      'h_s.2.bias',
      'h_s.4.weight',
      'h_s.4.bias',
    ]);
    expect(error.message).toMatch(
      /bmshj2018-hyperprior \(N=8, M=12\).*h_s\.0\.weight is \[8,12,5,5\], expected \[8,8,5,5\]/,
    );
    const other = await mismatchOf(importCheckpoint(fixture('cheng2020-anchor.pth.tar'), { arch: 'cheng2020-attn' }));
    expect(other.missing).toContain('g_a.3.conv_a.0.conv.0.weight');
    expect(other.unexpected).toContain('g_a.3.conv1.weight');
  });

  test('a missing or mis-shaped tensor is named', async () => {
    const { tensors } = readPytorchCheckpoint(fixture('mbt2018-mean.pth.tar'));
    const damaged = new Map(tensors);
    damaged.delete('g_s.2.weight');
    damaged.delete('entropy_bottleneck._factor2');
    const gamma = tensors.get('g_a.1.gamma');
    damaged.set('g_a.1.gamma', { shape: [64], data: gamma?.data ?? new Float32Array() });
    const error = await mismatchOf(loadModel(writeSafetensors(damaged), { arch: 'mbt2018-mean' }));
    expect(error.missing).toEqual(['g_s.2.weight', 'entropy_bottleneck._factor2']);
    expect(error.misShaped).toEqual([{ name: 'g_a.1.gamma', expected: [8, 8], actual: [64] }]);
  });

  test('given sizes win over the shapes, so a wrong N shows as mis-shaped tensors', async () => {
    const error = await mismatchOf(importCheckpoint(fixture('mbt2018-mean.pth.tar'), { arch: 'mbt2018-mean', N: 16 }));
    expect(error.misShaped.length).toBeGreaterThan(10);
    expect(error.message).toMatch(/mbt2018-mean \(N=16, M=12\)/);
  });

  test('an unknown architecture is LICO_UNSUPPORTED_MODEL', async () => {
    await expect(
      importCheckpoint(fixture('mbt2018-mean.pth.tar'), { arch: 'mbt2018' as 'mbt2018-mean' }),
    ).rejects.toMatchObject({ code: 'LICO_UNSUPPORTED_MODEL' });
  });
});
