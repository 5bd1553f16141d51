import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decodeContainer, encodeContainer } from '@lico/core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { imageToTensor, tensorToImage } from '../src/codec/codec-image.js';
import { quantizerOf } from '../src/codec/codec-quantizer.js';
import { encoderModel } from '../src/codec/codec-weights.js';
import { sha256, toHex } from '../src/codec/weights-hash.js';
import {
  type CodecImage,
  decode,
  encode,
  loadModel,
  type RefinementInput,
  readSafetensors,
  streamNames,
  weightsRegistry,
} from '../src/index.js';
import { codableModel } from './helpers.js';

const BACKENDS = ['js', 'native', 'wasm'] as const;

/** An 8-bit test image with smooth parts and detail. */
function image(width: number, height: number, channels: 1 | 3 = 3): CodecImage {
  const data = Uint8Array.from({ length: width * height * channels }, (_, i) => {
    const [p, c] = [Math.floor(i / channels), i % channels];
    const [row, column] = [Math.floor(p / width), p % width];
    return Math.round(127 + 100 * Math.sin(row / (4 + c) + column / 7) * Math.cos((row * column) / 53 + c));
  });
  return { width, height, channels, data };
}

const maxDifference = (a: Uint8Array, b: Uint8Array) => a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0);

/** ŷ of a file, decoded on `backend` with the file's own quantizer. */
async function decodedLatents(file: Uint8Array, weights: Uint8Array, backend: string): Promise<Float32Array> {
  const { header, streams } = decodeContainer(file);
  const model = await loadModel(weights);
  const shapes = model.latentShapes(header.height, header.width);
  const quantizer = quantizerOf(header.quantizer, header.fixedStep);
  return (await model.decodeLatents({ streams, shapes }, { backend, quantizer })).data;
}

let directory: string;
let weights: Uint8Array;

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'lico-codec-'));
  weights = (await codableModel('lico-checkerboard-gmm', 8, 12)).toSafetensors();
});

afterAll(() => rm(directory, { recursive: true, force: true }));

describe('encode and decode (lico-checkerboard-gmm, small random weights)', () => {
  test.each(BACKENDS)(
    'round trip through a file on %s: the header, and the model’s own reconstruction',
    async (backend) => {
      const original = image(33, 17);
      const path = join(directory, `round-trip-${backend}.lico`);
      await writeFile(path, await encode(original, { weights, backend }));
      const file = new Uint8Array(await readFile(path));
      const { header, streams } = decodeContainer(file);
      expect(header).toMatchObject({
        model: 'lico-checkerboard-gmm',
        weightsHash: (await sha256(weights)).subarray(0, 16),
        width: 33,
        height: 17,
        layout: 'rgb',
        quantizer: 'uniform',
        fixedStep: 256,
      });
      expect(streams).toHaveLength(streamNames('lico-checkerboard-gmm').length);
      const decoded = await decode(file, { weights, backend });
      const model = await loadModel(weights);
      const compressed = await model.compress(imageToTensor(original), { backend });
      const expected = tensorToImage(await model.decompress(compressed, { backend }), 'rgb');
      expect({ ...decoded, data: undefined }).toEqual({ width: 33, height: 17, channels: 3, data: undefined });
      expect(maxDifference(decoded.data, expected.data)).toBeLessThanOrEqual(1);
    },
  );

  test('a file made on each backend decodes on every other one: identical ŷ, pixels within ±1', async () => {
    const original = image(40, 24);
    for (const from of BACKENDS) {
      const file = await encode(original, { weights, backend: from });
      const reference = await decodedLatents(file, weights, 'js');
      expect(new Set(reference).size, 'latents worth coding').toBeGreaterThan(3);
      const pixels = await decode(file, { weights, backend: 'js' });
      for (const to of BACKENDS) {
        const latents = await decodedLatents(file, weights, to);
        expect(Buffer.from(latents.buffer).equals(Buffer.from(reference.buffer)), `${from} → ${to}`).toBe(true);
        const decoded = await decode(file, { weights, backend: to });
        expect(maxDifference(decoded.data, pixels.data), `${from} → ${to}`).toBeLessThanOrEqual(1);
      }
    }
  });

  test.each([
    [1, 1],
    [17, 33],
    [33, 17],
    [4000, 3],
  ])('any size: %i×%i', async (width, height) => {
    const file = await encode(image(width, height), { weights, backend: 'native' });
    const decoded = await decode(file, { weights, backend: 'wasm' });
    expect([decoded.width, decoded.height, decoded.channels, decoded.data.length]).toEqual([
      width,
      height,
      3,
      width * height * 3,
    ]);
  });

  test('grayscale is coded as RGB and decoded to one channel: the mean of the three', async () => {
    const gray = image(21, 13, 1);
    const rgb: CodecImage = {
      ...gray,
      channels: 3,
      data: Uint8Array.from({ length: gray.data.length * 3 }, (_, i) => gray.data[Math.floor(i / 3)]),
    };
    const grayFile = decodeContainer(await encode(gray, { weights, backend: 'native' }));
    const rgbFile = decodeContainer(await encode(rgb, { weights, backend: 'native' }));
    expect(grayFile.header.layout).toBe('gray');
    expect(grayFile.streams).toEqual(rgbFile.streams);
    const fileOf = (layout: 'gray' | 'rgb') => encodeContainer({ ...grayFile.header, layout }, grayFile.streams);
    const decodedGray = await decode(fileOf('gray'), { weights, backend: 'native' });
    const decodedRgb = await decode(fileOf('rgb'), { weights, backend: 'native' });
    expect([decodedGray.channels, decodedGray.data.length]).toEqual([1, 21 * 13]);
    const means = Uint8Array.from(decodedGray.data, (_, p) => {
      const [r, g, b] = decodedRgb.data.subarray(3 * p, 3 * p + 3);
      return Math.round((r + g + b) / 3);
    });
    expect(maxDifference(decodedGray.data, means)).toBeLessThanOrEqual(1);
  });

  test('the mixture takes the uniform quantizer at any step, and refuses the others as the model does', async () => {
    const original = image(24, 20);
    const half = await encode(original, { weights, step: 0.5, backend: 'native' });
    expect(decodeContainer(half).header).toMatchObject({ quantizer: 'uniform', fixedStep: 128 });
    expect(half.length).toBeGreaterThan((await encode(original, { weights, backend: 'native' })).length);
    expect((await decode(half, { weights, backend: 'js' })).width).toBe(24);
    for (const quantizer of ['deadzone', 'tcq'] as const) {
      await expect(encode(original, { weights, quantizer })).rejects.toMatchObject({
        code: 'LICO_INVALID_ARGUMENT',
        message: expect.stringMatching(/uniform quantizer/),
      });
    }
    await expect(encode(original, { weights, quantizer: 'round' as 'uniform' })).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });

  test('refine runs with the default quantizer only, which refiners optimize for', async () => {
    const original = image(24, 20);
    const refine = async (input: RefinementInput) => input.y;
    const refined = await encode(original, { weights, backend: 'native', refine });
    expect(refined).toEqual(await encode(original, { weights, backend: 'native' }));
    for (const options of [{ step: 0.5 }, { quantizer: 'tcq' as const }]) {
      await expect(encode(original, { weights, refine, ...options })).rejects.toMatchObject({
        code: 'LICO_INVALID_ARGUMENT',
        message: expect.stringMatching(/refine .* uniform quantizer of step 1/),
      });
    }
  });

  test('decode refuses a file over the caller’s limits before it allocates', async () => {
    const file = await encode(image(64, 64), { weights, backend: 'native' });
    await expect(decode(file, { weights, limits: { maxPixels: 1000 } })).rejects.toMatchObject({
      code: 'LICO_LIMIT_EXCEEDED',
    });
  });

  test('forged headers with valid CRCs: another model, a quantizer it cannot take, a missing stream', async () => {
    const { header, streams } = decodeContainer(await encode(image(16, 16), { weights, backend: 'native' }));
    const forged = [
      encodeContainer({ ...header, model: 'mbt2018-mean' }, streams),
      encodeContainer({ ...header, quantizer: 'tcq8' }, streams),
      encodeContainer(header, streams.slice(1)),
    ];
    for (const file of forged)
      await expect(decode(file, { weights })).rejects.toMatchObject({ code: 'LICO_BITSTREAM_CORRUPT' });
    const unknown = encodeContainer({ ...header, model: 'jpeg' }, streams);
    await expect(decode(unknown, { weights })).rejects.toMatchObject({ code: 'LICO_UNSUPPORTED_MODEL' });
  });
});

describe('quantizers of a Gaussian model (mbt2018-mean)', () => {
  test.each(['uniform', 'deadzone', 'tcq'] as const)(
    '%s: made on native, decoded on wasm and js to the same ŷ',
    async (quantizer) => {
      const mbt = (await codableModel('mbt2018-mean', 8, 12)).toSafetensors();
      const file = await encode(image(40, 30), { weights: mbt, quantizer, step: 0.75, backend: 'native' });
      expect(decodeContainer(file).header).toMatchObject({
        model: 'mbt2018-mean',
        quantizer: quantizer === 'tcq' ? 'tcq8' : quantizer,
        fixedStep: 192,
      });
      const wasm = await decodedLatents(file, mbt, 'wasm');
      expect(wasm).toEqual(await decodedLatents(file, mbt, 'js'));
      const [a, b] = await Promise.all([
        decode(file, { weights: mbt, backend: 'wasm' }),
        decode(file, { weights: mbt, backend: 'js' }),
      ]);
      expect(maxDifference(a.data, b.data)).toBeLessThanOrEqual(1);
    },
  );
});

describe('weights', () => {
  test('decode needs the weights of the file’s hash: LICO_WEIGHTS_MISMATCH names the model and the hash', async () => {
    const file = await encode(image(16, 16), { weights, backend: 'native' });
    const other = (await codableModel('lico-checkerboard-gmm', 8, 6)).toSafetensors();
    const hash = toHex((await sha256(weights)).subarray(0, 16));
    for (const given of [other, undefined]) {
      await expect(decode(file, { weights: given })).rejects.toMatchObject({
        code: 'LICO_WEIGHTS_MISMATCH',
        message: expect.stringContaining(`lico-checkerboard-gmm weights of hash ${hash}`),
      });
    }
    // A list is searched by hash; a path (Node) works as well as bytes.
    const path = join(directory, 'weights.safetensors');
    await writeFile(path, weights);
    expect((await decode(file, { weights: [other, path] })).width).toBe(16);
  });

  test('the model and quality must fit the weights given', async () => {
    await expect(encode(image(8, 8), { weights, model: 'mbt2018-mean' })).rejects.toMatchObject({
      code: 'LICO_WEIGHTS_MISMATCH',
    });
    await expect(encode(image(8, 8), { weights, quality: 3 })).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
    await expect(encode(image(8, 8), { weights: join(directory, 'none.safetensors') })).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });

  test('without weights and with none trained, encode says what to do', async () => {
    const empty = weightsRegistry(pathToFileURL(join(directory, 'no-such-index.json')));
    await expect(encode(image(8, 8), { registry: empty })).rejects.toMatchObject({
      code: 'LICO_UNSUPPORTED_MODEL',
      message: expect.stringMatching(/lico train --arch lico-checkerboard-gmm.*weights/),
    });
  });

  test('a registry: files and index entries are all it takes; quality picks the rate point', async () => {
    const folder = join(directory, 'registry');
    await mkdir(folder);
    const entries = [];
    for (const [quality, M] of [
      [1, 6],
      [2, 9],
      [3, 15],
    ]) {
      const bytes = (await codableModel('lico-checkerboard-gmm', 8, M)).toSafetensors();
      const file = `lico-checkerboard-gmm-q${quality}.safetensors`;
      await writeFile(join(folder, file), bytes);
      entries.push({
        model: 'lico-checkerboard-gmm',
        quality,
        lambda: 0.001 * quality,
        file,
        sha256: toHex(await sha256(bytes)),
      });
    }
    const index = join(folder, 'index.json');
    await writeFile(index, JSON.stringify({ format: 'lico-weights-index', version: 1, weights: entries }));
    const registry = weightsRegistry(pathToFileURL(index));
    const original = image(32, 32);
    const middle = await encode(original, { registry, backend: 'native' });
    expect(toHex(decodeContainer(middle).header.weightsHash)).toBe(entries[1].sha256.slice(0, 32));
    const lowest = await encode(original, { registry, quality: 1, backend: 'native' });
    expect(toHex(decodeContainer(lowest).header.weightsHash)).toBe(entries[0].sha256.slice(0, 32));
    expect((await decode(lowest, { registry })).width).toBe(32);
    await expect(encode(original, { registry, quality: 7 })).rejects.toMatchObject({ code: 'LICO_UNSUPPORTED_MODEL' });
    await expect(encode(original, { registry, model: 'mbt2018-mean' })).rejects.toMatchObject({
      code: 'LICO_UNSUPPORTED_MODEL',
      message: expect.stringMatching(/lico convert/),
    });

    // A file that is not what the index says, and an index that is not one.
    await writeFile(join(folder, entries[2].file), weights);
    await expect(
      encode(original, { registry: weightsRegistry(pathToFileURL(index)), quality: 3 }),
    ).rejects.toMatchObject({
      code: 'LICO_WEIGHTS_INVALID',
    });
    await writeFile(
      index,
      JSON.stringify({ format: 'lico-weights-index', version: 1, weights: [{ ...entries[0], sha256: 'x' }] }),
    );
    await expect(weightsRegistry(pathToFileURL(index)).entries()).rejects.toMatchObject({
      code: 'LICO_WEIGHTS_INVALID',
    });
  });

  test('the weights shipped in packages/models/weights are what index.json says', async () => {
    const index = new URL('../weights/index.json', import.meta.url);
    const registry = weightsRegistry(index);
    for (const entry of await registry.entries()) {
      expect(entry.file).toBe(`${entry.model}-q${entry.quality}.safetensors`);
      // read() checks the SHA-256; the file holds its integer networks, so loading never recalibrates.
      const { metadata, tensors } = readSafetensors(await registry.read(entry));
      expect(metadata.architecture, entry.file).toBe(entry.model);
      if (entry.model !== 'bmshj2018-factorized')
        expect([...tensors.keys()].some((name) => name.startsWith('integer.'))).toBe(true);
    }
  });

  test('weights are loaded once per hash', async () => {
    const first = await encoderModel({ weights });
    const second = await encoderModel({ weights: weights.slice() });
    expect(second.model).toBe(first.model);
    expect(second.hash).toEqual(first.hash);
  });
});
