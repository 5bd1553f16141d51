import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { decodeContainer, encodeContainer } from '@lico/core';
import { createModel, loadModel } from '@lico/models';
import { UniformQuantizer } from '@lico/quantizers';
import sharp, { type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { ExitCode, runCli } from '../src/main.js';
import { syntheticImage } from './eval-images.js';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, output: { out: (t: string) => lines.push(t), progress: (t: string) => errors.push(t) } };
}

/** Runs `lico …args --json` and gives the exit code and the JSON line. */
async function lico(...args: string[]) {
  const run = capture();
  const code = await runCli([...args, '--json'], run.output);
  return { code, report: run.lines.length > 0 ? JSON.parse(run.lines[0]) : undefined, errors: run.errors.join('\n') };
}

let directory: string;
let weights: string;
let rgb: string;

const at = (name: string) => join(directory, name);
const raw = (width: number, height: number, channels: number, value: (i: number) => number) => ({
  raw: { width, height, channels: channels as 1 | 2 | 3 | 4 },
  data: Buffer.from(Array.from({ length: width * height * channels }, (_, i) => value(i) & 0xff)),
});

beforeAll(async () => {
  directory = await mkdtemp(join(tmpdir(), 'lico-codec-cli-'));
  weights = at('tiny.safetensors');
  await writeFile(
    weights,
    (await createModel('lico-checkerboard-gmm', { N: 4, M: 6, backend: 'native' })).toSafetensors(),
  );
  const image = syntheticImage(37, 21);
  rgb = at('rgb.png');
  await sharp(image.data, { raw: { width: 37, height: 21, channels: 3 } })
    .png()
    .toFile(rgb);
});

afterAll(() => rm(directory, { recursive: true, force: true }));

describe('lico encode, info, decode', () => {
  test('encode writes a Lico file; info shows its header and streams; decode writes the PNG', async () => {
    const file = at('rgb.lico');
    const encoded = await lico('encode', rgb, file, '--weights', weights, '--backend', 'native');
    expect(encoded.code).toBe(ExitCode.ok);
    const bytes = new Uint8Array(await readFile(file));
    expect(encoded.report).toMatchObject({
      out: file,
      model: 'lico-checkerboard-gmm',
      width: 37,
      height: 21,
      layout: 'rgb',
      quantizer: 'uniform',
      step: 1,
      bytes: bytes.length,
      bpp: (8 * bytes.length) / (37 * 21),
    });
    expect(encoded.report.streams.map((s: { name: string }) => s.name)).toEqual(['z', 'anchors', 'nonAnchors']);

    const info = await lico('info', file);
    expect(info.code).toBe(ExitCode.ok);
    const { out: _, seconds: __, in: ___, ...header } = encoded.report;
    expect(info.report).toMatchObject({ ...header, trained: null });
    const text = capture();
    expect(await runCli(['info', file], text.output)).toBe(ExitCode.ok);
    expect(text.lines[0]).toMatch(
      /37×21 rgb[\s\S]*lico-checkerboard-gmm[\s\S]*z \d+ B, anchors \d+ B, nonAnchors \d+ B/,
    );

    const png = at('rgb.decoded.png');
    const decoded = await lico('decode', file, png, '--weights', weights, '--backend', 'wasm');
    expect(decoded.code).toBe(ExitCode.ok);
    expect(decoded.report).toMatchObject({ width: 37, height: 21, channels: 3 });
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 37, height: 21, channels: 3 });

    // Outputs are not overwritten without --force.
    const again = await lico('encode', rgb, file, '--weights', weights);
    expect(again.code).toBe(ExitCode.usage);
    expect(again.report).toMatchObject({
      error: { code: 'LICO_INVALID_ARGUMENT', message: expect.stringMatching(/--force/) },
    });
    expect((await lico('encode', rgb, file, '--weights', weights, '--force')).code).toBe(ExitCode.ok);
    expect((await lico('decode', file, png, '--weights', weights)).code).toBe(ExitCode.usage);
    expect((await lico('decode', file, at('out.jpg'), '--weights', weights)).code).toBe(ExitCode.usage);
  });

  test('encode --refine: another file of the same model that any decoder reads; clear refusals', async () => {
    const [plain, refined] = [at('plain.lico'), at('refined.lico')];
    expect((await lico('encode', rgb, plain, '-q', '2')).code).toBe(ExitCode.ok);
    const encoded = await lico('encode', rgb, refined, '-q', '2', '--refine', '3');
    expect(encoded.code).toBe(ExitCode.ok);
    expect(encoded.report).toMatchObject({ model: 'lico-checkerboard-gmm', quantizer: 'uniform', step: 1 });
    expect(await readFile(refined)).not.toEqual(await readFile(plain));
    const decoded = await lico('decode', refined, at('refined.png'), '--backend', 'wasm');
    expect(decoded.report).toMatchObject({ width: 37, height: 21, channels: 3 });

    // Refinement optimizes for the uniform quantizer of step 1; weights without a λ give it no target.
    const stepped = await lico('encode', rgb, at('stepped.lico'), '--refine', '3', '--step', '0.5');
    expect(stepped.code).toBe(ExitCode.usage);
    expect(stepped.report.error.message).toMatch(/step 1/);
    const untrained = await lico('encode', rgb, at('untrained.lico'), '--weights', weights, '--refine', '1');
    expect(untrained.code).toBe(ExitCode.usage);
    expect(untrained.report.error.message).toMatch(/lambda/);
    expect((await lico('encode', rgb, at('zero.lico'), '--refine', '0')).code).toBe(ExitCode.usage);
    expect(existsSync(at('stepped.lico')) || existsSync(at('untrained.lico'))).toBe(false);
  });

  test('grayscale, JPEG and WebP in; a gray file decodes to a one-channel PNG', async () => {
    const gray = at('gray.png');
    await sharp(
      raw(19, 33, 1, (i) => i * 5).data,
      raw(19, 33, 1, () => 0),
    )
      .toColourspace('b-w')
      .png()
      .toFile(gray);
    const file = at('gray.lico');
    expect((await lico('encode', gray, file, '--weights', weights)).report).toMatchObject({
      layout: 'gray',
      width: 19,
    });
    expect((await lico('decode', file, at('gray.decoded.png'), '--weights', weights)).code).toBe(ExitCode.ok);
    expect(await sharp(at('gray.decoded.png')).metadata()).toMatchObject({ channels: 1, width: 19, height: 33 });
    for (const format of ['jpeg', 'webp'] as const) {
      const input = at(`rgb.${format}`);
      await sharp(rgb).toFormat(format).toFile(input);
      expect((await lico('encode', input, at(`${format}.lico`), '--weights', weights)).report).toMatchObject({
        width: 37,
        layout: 'rgb',
      });
    }
  });

  test('inputs lico does not code are refused with a reason (exit 2); an opaque alpha channel is dropped', async () => {
    const make = async (name: string, build: () => Sharp) => {
      await build().toFile(at(name));
      return at(name);
    };
    const refused: [string, RegExp][] = [
      [
        await make('deep.png', () =>
          sharp(
            raw(8, 8, 3, (i) => i).data,
            raw(8, 8, 3, () => 0),
          )
            .toColourspace('rgb16')
            .png(),
        ),
        /bits/,
      ],
      [
        await make('clear.png', () =>
          sharp(
            raw(8, 8, 4, (i) => (i % 4 === 3 ? 100 : i)).data,
            raw(8, 8, 4, () => 0),
          ).png(),
        ),
        /transparent/,
      ],
      [await make('cmyk.jpg', () => sharp(rgb).toColourspace('cmyk').jpeg()), /CMYK/],
      [await make('image.tiff', () => sharp(rgb).tiff()), /tiff.*PNG, JPEG or WebP/],
      [
        // Two different frames (the WebP encoder merges identical ones).
        await make('animated.webp', () =>
          sharp(raw(8, 16, 3, (i) => (i < 192 ? 20 : 200)).data, {
            raw: { width: 8, height: 16, channels: 3, pageHeight: 8 },
          }).webp(),
        ),
        /animated/,
      ],
    ];
    for (const [path, reason] of refused) {
      const run = await lico('encode', path, at('refused.lico'), '--weights', weights);
      expect(run.code, path).toBe(ExitCode.usage);
      expect(run.report.error.message, path).toMatch(reason);
      expect(existsSync(at('refused.lico'))).toBe(false);
    }
    const opaque = await make('opaque.png', () =>
      sharp(
        raw(8, 8, 4, (i) => (i % 4 === 3 ? 255 : i)).data,
        raw(8, 8, 4, () => 0),
      ).png(),
    );
    expect((await lico('encode', opaque, at('opaque.lico'), '--weights', weights)).report).toMatchObject({
      layout: 'rgb',
    });
  });

  test('exit codes follow the error codes: weights 7, damaged file 4, unsupported 5, limits 6', async () => {
    const file = at('codes.lico');
    expect((await lico('encode', rgb, file, '--weights', weights)).code).toBe(ExitCode.ok);
    const bytes = new Uint8Array(await readFile(file));
    const other = at('other.safetensors');
    await writeFile(
      other,
      (await createModel('lico-checkerboard-gmm', { N: 4, M: 6, seed: 2, backend: 'native' })).toSafetensors(),
    );
    const wrong = await lico('decode', file, at('codes.png'), '--weights', other);
    expect(wrong.code).toBe(ExitCode.weights);
    expect(wrong.report.error).toMatchObject({
      code: 'LICO_WEIGHTS_MISMATCH',
      message: expect.stringMatching(/lico-checkerboard-gmm weights of hash [0-9a-f]{32}/),
    });
    expect((await lico('decode', file, at('codes.png'))).code).toBe(ExitCode.weights);

    const damaged = bytes.slice();
    damaged[damaged.length - 3] ^= 0x40;
    const { header, streams } = decodeContainer(bytes);
    const files: [string, Uint8Array, number][] = [
      ['damaged', damaged, ExitCode.corruptFile],
      ['truncated', bytes.subarray(0, bytes.length - 5), ExitCode.corruptFile],
      ['not-lico', new TextEncoder().encode('hello'), ExitCode.corruptFile],
      ['future', Uint8Array.of(...bytes.subarray(0, 4), 2, ...bytes.subarray(5)), ExitCode.unsupported],
      [
        'huge',
        encodeContainer({ ...header, width: 60_000, height: 60_000 }, streams, { maxPixels: 2 ** 32 }),
        ExitCode.limitExceeded,
      ],
    ];
    for (const [name, content, code] of files) {
      await writeFile(at(`${name}.lico`), content);
      expect((await lico('decode', at(`${name}.lico`), at(`${name}.png`), '--weights', weights)).code, name).toBe(code);
      expect(existsSync(at(`${name}.png`))).toBe(false);
    }
    expect((await lico('info', at('damaged.lico'))).code).toBe(ExitCode.corruptFile);
    // A model without shipped weights: encode without --weights says how to get some.
    const untrained = await lico('encode', rgb, at('untrained.lico'), '--model', 'cheng2020-anchor');
    expect(untrained.code).toBe(ExitCode.unsupported);
    expect(untrained.report.error.message).toMatch(/lico convert/);
    // The default model ships trained: encode and decode find its weights without being told.
    expect((await lico('encode', rgb, at('shipped.lico'))).code).toBe(ExitCode.ok);
    expect((await lico('decode', at('shipped.lico'), at('shipped.png'))).code).toBe(ExitCode.ok);
    expect(existsSync(at('shipped.png'))).toBe(true);
    expect((await lico('encode', rgb, at('x.lico'), '--backend', 'cuda')).code).toBe(ExitCode.usage);
    expect((await lico('encode', rgb, at('x.lico'), '--weights', at('none.safetensors'))).code).toBe(ExitCode.usage);
    expect((await lico('encode', rgb, at('x.lico'), '--weights', weights, '--quantizer', 'tcq')).code).toBe(
      ExitCode.usage,
    );
  });
});

describe('lico roundtrip', () => {
  test.each(['js', 'native', 'wasm'])(
    'on %s: bpp from the file, PSNR, times; --keep keeps both files',
    async (backend) => {
      const keep = at(`keep-${backend}`);
      const run = await lico('roundtrip', rgb, '--weights', weights, '--backend', backend, '--keep', keep);
      expect(run.code).toBe(ExitCode.ok);
      const file = new Uint8Array(await readFile(join(keep, 'rgb.lico')));
      expect(run.report).toMatchObject({
        width: 37,
        height: 21,
        bytes: file.length,
        bpp: (8 * file.length) / (37 * 21),
      });
      expect(run.report.psnr).toBeGreaterThan(0);
      expect(run.report.encodeSeconds).toBeGreaterThan(0);
      expect(run.report.decodeSeconds).toBeGreaterThan(0);
      expect(await sharp(join(keep, 'rgb.decoded.png')).metadata()).toMatchObject({ width: 37, height: 21 });
      expect((await lico('roundtrip', rgb, '--weights', weights, '--keep', keep)).code).toBe(ExitCode.usage);
      const text = capture();
      expect(await runCli(['roundtrip', rgb, '--weights', weights, '--backend', backend], text.output)).toBe(
        ExitCode.ok,
      );
      expect(text.lines[0]).toMatch(/bpp, PSNR [\d.]+ dB; encode [\d.]+ s, decode [\d.]+ s/);
    },
  );
});

describe('webgpu (SwiftShader: one small image)', () => {
  test('a file made on native decodes on webgpu and one made on webgpu on native: same ŷ, pixels within ±1', async () => {
    const model = await loadModel(new Uint8Array(await readFile(weights)));
    const quantizer = new UniformQuantizer({ step: 1 });
    const latents = async (file: string, backend: string) => {
      const { header, streams } = decodeContainer(new Uint8Array(await readFile(file)));
      const shapes = model.latentShapes(header.height, header.width);
      return (await model.decodeLatents({ streams, shapes }, { backend, quantizer })).data;
    };
    const pixels = async (png: string) => new Uint8Array(await sharp(png).raw().toBuffer());
    for (const [from, to] of [
      ['native', 'webgpu'],
      ['webgpu', 'native'],
    ]) {
      const file = at(`${from}.lico`);
      expect((await lico('encode', rgb, file, '--weights', weights, '--backend', from, '--force')).code).toBe(
        ExitCode.ok,
      );
      expect(await latents(file, to)).toEqual(await latents(file, 'js'));
      for (const backend of [to, 'js']) {
        expect(
          (await lico('decode', file, at(`${from}-${backend}.png`), '--weights', weights, '--backend', backend)).code,
        ).toBe(ExitCode.ok);
      }
      const [a, b] = [await pixels(at(`${from}-${to}.png`)), await pixels(at(`${from}-js.png`))];
      expect(a.reduce((m, v, i) => Math.max(m, Math.abs(v - b[i])), 0)).toBeLessThanOrEqual(1);
    }
  }, 300_000);
});
