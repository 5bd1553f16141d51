import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createEvalCodec, evalCodecNames } from '../src/eval/codec-registry.js';
import { jpegCodec } from '../src/eval/codecs/jpeg.js';
import { runTool } from '../src/eval/external-tool.js';
import { psnr } from '../src/eval/metrics.js';
import { syntheticImage } from './eval-images.js';

// The reference tools come from apt (scripts/setup.sh installs them, in CI too); these tests
// fail, rather than skip, when one is missing.
const ROUND_TRIPS: [codec: string, magic: number[], low: number, high: number][] = [
  ['jpeg', [0xff, 0xd8, 0xff], 20, 90],
  ['webp', [0x52, 0x49, 0x46, 0x46], 10, 90], // RIFF
  ['avif', [], 50, 10],
  ['avif-420', [], 50, 10],
  ['jxl', [0xff, 0x0a], 8, 0.6], // bare codestream
  ['x265', [0, 0, 0, 1, 0x40, 0x01], 42, 18], // Annex B start code, VPS
  ['x265-420', [0, 0, 0, 1, 0x40, 0x01], 42, 18],
  ['j2k', [0xff, 0x4f, 0xff, 0x51], 100, 8], // SOC, SIZ
];

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lico-eval-codecs-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('eval reference codecs', () => {
  test("the registry lists every reference codec and Lico's models", async () => {
    expect(evalCodecNames()).toEqual(expect.arrayContaining(ROUND_TRIPS.map(([name]) => name)));
    expect(evalCodecNames()).toEqual(expect.arrayContaining(['lico', 'lico-refined', 'bmshj2018-hyperprior']));
    await expect(createEvalCodec('bpg')).rejects.toMatchObject({ code: 'LICO_INVALID_ARGUMENT' });
  });

  test.each(ROUND_TRIPS)(
    '%s round-trips; the bytes are the stored file; quality orders rate and PSNR',
    async (name, magic, low, high) => {
      const codec = await createEvalCodec(name);
      expect(await codec.version()).toMatch(/\d/);
      const image = syntheticImage(64, 48, 5);
      const results = [];
      for (const quality of [low, high]) {
        const workDir = await mkdtemp(join(root, `${name}-`));
        const result = await codec.encode(image, quality, workDir);
        expect(result.decoded.width).toBe(64);
        expect(result.decoded.height).toBe(48);
        expect(result.decoded.data.length).toBe(64 * 48 * 3);
        expect([...result.bytes.subarray(0, magic.length)]).toEqual(magic);
        if (name.startsWith('avif')) expect(new TextDecoder().decode(result.bytes.subarray(4, 12))).toBe('ftypavif');
        // The bytes are exactly a file the encoder wrote.
        const files = await Promise.all((await readdir(workDir)).map((f) => readFile(join(workDir, f))));
        expect(files.some((f) => f.length === result.bytes.length && Buffer.compare(f, result.bytes) === 0)).toBe(true);
        results.push({ bytes: result.bytes.length, psnr: psnr(image, result.decoded) });
      }
      expect(results[1].bytes).toBeGreaterThan(results[0].bytes);
      expect(results[1].psnr).toBeGreaterThan(results[0].psnr);
      expect(results[1].psnr).toBeGreaterThan(32);
    },
  );

  test.each(['jpeg', 'webp', 'avif', 'jxl', 'x265', 'j2k'])('%s takes odd sizes (37×29)', async (name) => {
    const image = syntheticImage(37, 29, 2);
    const codec = await createEvalCodec(name);
    const result = await codec.encode(
      image,
      codec.defaultQualities[codec.defaultQualities.length - 2],
      await mkdtemp(join(root, 'odd-')),
    );
    expect([result.decoded.width, result.decoded.height]).toEqual([37, 29]);
    expect(psnr(image, result.decoded)).toBeGreaterThan(25);
  });

  test('bad qualities and sizes are refused before any tool runs', async () => {
    const image = syntheticImage(37, 29);
    await expect((await createEvalCodec('jpeg')).encode(image, 0, root)).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
    await expect((await createEvalCodec('x265')).encode(image, 52, root)).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
    await expect((await createEvalCodec('x265-420')).encode(image, 30, root)).rejects.toMatchObject({
      code: 'LICO_INVALID_ARGUMENT',
    });
  });
});

describe('eval external tools', () => {
  test('a missing tool names its apt package', async () => {
    const path = process.env.PATH;
    process.env.PATH = root;
    try {
      const error = await jpegCodec()
        .version()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'LICO_BACKEND_UNAVAILABLE' });
      expect((error as Error).message).toContain('libjpeg-turbo-progs');
    } finally {
      process.env.PATH = path;
    }
  });

  test('a call over its time limit is stopped; a failing call reports its stderr', async () => {
    await expect(runTool('sleep', ['10'], { timeoutMs: 200 })).rejects.toMatchObject({ code: 'LICO_LIMIT_EXCEEDED' });
    await expect(runTool('cjpeg', ['-no-such-option'])).rejects.toMatchObject({ code: 'LICO_INTERNAL' });
  });
});
