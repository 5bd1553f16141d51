import '@lico/backend-js';
import '@lico/backend-native';
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createModel, decode, weightsRegistry } from '@lico/models';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { licoEvalCodec } from '../src/eval/codecs/lico.js';
import { psnr } from '../src/eval/metrics.js';
import { syntheticImage } from './eval-images.js';

// A registry of two tiny random-weights models (qualities 2 and 5), written like the packaged one.
let root: string;
let weightsFiles: Uint8Array[];
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lico-eval-lico-'));
  weightsFiles = [];
  const entries = [];
  for (const [quality, seed] of [
    [2, 1],
    [5, 2],
  ]) {
    const bytes = (await createModel('lico-checkerboard-gmm', { N: 4, M: 6, seed })).toSafetensors();
    const file = `lico-checkerboard-gmm-q${quality}.safetensors`;
    await writeFile(join(root, file), bytes);
    weightsFiles.push(bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    entries.push({ model: 'lico-checkerboard-gmm', quality, lambda: 0.001 * quality, file, sha256 });
  }
  const index = { format: 'lico-weights-index', version: 1, weights: entries };
  await writeFile(join(root, 'index.json'), JSON.stringify(index));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const registry = () => weightsRegistry(pathToFileURL(join(root, 'index.json')));

describe('lico eval codec', () => {
  test('its qualities are the trained rate points; the bytes are a Lico file that decodes to what it reports', async () => {
    const codec = await licoEvalCodec({
      name: 'lico',
      model: 'lico-checkerboard-gmm',
      registry: registry(),
      backend: 'js',
    });
    expect(codec.defaultQualities).toEqual([2, 5]);
    expect(await codec.version()).toMatch(/q2 [0-9a-f]{12}, q5 [0-9a-f]{12}/);
    // Each rate point's version is its weights: a merge keeps the points whose weights stayed.
    const sha = (i: number) => createHash('sha256').update(weightsFiles[i]).digest('hex');
    expect([2, 5].map((q) => codec.qualityVersion?.(q))).toEqual([`q2 ${sha(0)}`, `q5 ${sha(1)}`]);
    expect(() => codec.qualityVersion?.(3)).toThrow(/trained rate points/);
    const image = syntheticImage(37, 29, 4);
    for (const [i, quality] of [2, 5].entries()) {
      const result = await codec.encode(image, quality, root);
      expect(new TextDecoder().decode(result.bytes.subarray(0, 4))).toBe('LICO');
      const again = await decode(result.bytes, { weights: weightsFiles[i], backend: 'js' });
      expect(again.data).toEqual(result.decoded.data);
      expect([result.decoded.width, result.decoded.height, result.decoded.data.length]).toEqual([37, 29, 37 * 29 * 3]);
      expect(psnr(image, result.decoded)).toBeGreaterThan(5);
      expect(result.encodeSeconds).toBeGreaterThan(0);
    }
  });

  test('lico-refined: y refined for the λ of the rate point in the registry; plain Lico files', async () => {
    const refined = await licoEvalCodec({
      name: 'lico-refined',
      model: 'lico-checkerboard-gmm',
      registry: registry(),
      backend: 'native',
      refine: 2,
    });
    expect(refined.description).toMatch(/refined by 2 gradient steps/);
    // These weights record no λ (refining without one is LICO_INVALID_ARGUMENT): the registry's is used.
    const image = syntheticImage(40, 24, 5);
    const after = await refined.encode(image, 5, root);
    const again = await decode(after.bytes, { weights: weightsFiles[1], backend: 'js' });
    expect(psnr(image, again)).toBeCloseTo(psnr(image, after.decoded), 1);
  });

  test('a quality without trained weights, or a model without any, is refused', async () => {
    const codec = await licoEvalCodec({
      name: 'lico',
      model: 'lico-checkerboard-gmm',
      registry: registry(),
      backend: 'js',
    });
    expect(() => codec.checkQuality?.(3)).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
    await expect(codec.encode(syntheticImage(8, 8), 3, root)).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
    const none = await licoEvalCodec({
      name: 'hp',
      model: 'bmshj2018-hyperprior',
      registry: registry(),
      backend: 'js',
    });
    expect(none.defaultQualities).toEqual([]);
    await expect(none.version()).rejects.toMatchObject({ code: 'LICO_UNSUPPORTED_MODEL' });
  });
});
