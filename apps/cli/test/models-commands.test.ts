import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModel, readNpy, readSafetensors } from '@lico/models';
import { maxRelativeError } from '@lico/transforms';
import sharp from 'sharp';
import { beforeAll, describe, expect, test } from 'vitest';
import { readImage } from '../src/image-input.js';
import { ExitCode, runCli } from '../src/main.js';

const checkpoint = new URL('../../../fixtures/checkpoints/mbt2018-mean.pth.tar', import.meta.url).pathname;

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, output: { out: (t: string) => lines.push(t), progress: (t: string) => errors.push(t) } };
}

describe('lico convert and lico latents', () => {
  let directory: string;
  let weights: string;

  beforeAll(async () => {
    directory = await mkdtemp(join(tmpdir(), 'lico-models-'));
    weights = join(directory, 'mbt.safetensors');
  });

  test('convert writes a Lico weights file, and refuses to overwrite it without --force', async () => {
    const run = capture();
    const args = ['convert', checkpoint, weights, '--arch', 'mbt2018-mean', '--quality', '2', '--backend', 'native'];
    expect(await runCli([...args, '--json'], run.output)).toBe(ExitCode.ok);
    const report = JSON.parse(run.lines[0]);
    expect(report).toMatchObject({ architecture: 'mbt2018-mean', N: 8, M: 12, quality: 2, integerNetworks: ['hS'] });
    const { metadata, tensors } = readSafetensors(new Uint8Array(await readFile(weights)));
    expect(metadata).toMatchObject({
      format: 'lico-weights',
      architecture: 'mbt2018-mean',
      N: '8',
      M: '12',
      quality: '2',
    });
    expect(tensors.get('g_a.0.weight')?.shape).toEqual([8, 3, 5, 5]);

    const again = capture();
    expect(await runCli(args, again.output)).toBe(ExitCode.usage);
    expect(again.errors.join('\n')).toMatch(/exists; pass --force/);
    expect(await runCli([...args, '--force', '--float16'], capture().output)).toBe(ExitCode.ok);
    expect((await readFile(weights)).length).toBeLessThan(report.bytes);
  });

  test('convert: a wrong architecture is LICO_WEIGHTS_MISMATCH (exit 7), an unknown one a usage error', async () => {
    const run = capture();
    const out = join(directory, 'wrong.safetensors');
    expect(await runCli(['convert', checkpoint, out, '--arch', 'bmshj2018-hyperprior'], run.output)).toBe(
      ExitCode.weights,
    );
    expect(run.errors.join('\n')).toMatch(/LICO_WEIGHTS_MISMATCH: .*h_s\.0\.weight/);
    expect(await runCli(['convert', checkpoint, out, '--arch', 'mbt2018'], capture().output)).toBe(ExitCode.usage);
  });

  test('latents writes g_a(image) as float32 NCHW .npy', async () => {
    const png = join(directory, 'image.png');
    const pixels = Buffer.from(Array.from({ length: 40 * 56 * 3 }, (_, i) => (i * 7 + (i >> 6) * 13) & 0xff));
    await sharp(pixels, { raw: { width: 56, height: 40, channels: 3 } })
      .png()
      .toFile(png);
    const out = join(directory, 'y.npy');
    const run = capture();
    const args = ['latents', '--weights', weights, '--in', png, '--out', out, '--backend', 'native', '--json'];
    expect(await runCli(args, run.output)).toBe(ExitCode.ok);
    expect(JSON.parse(run.lines[0])).toMatchObject({ shape: [1, 12, 3, 4], architecture: 'mbt2018-mean' });
    const y = readNpy(new Uint8Array(await readFile(out)));
    const model = await loadModel(new Uint8Array(await readFile(weights)));
    const expected = await model.analysis(await readImage(png), { backend: 'js' });
    expect(y.shape).toEqual([1, 12, 3, 4]);
    expect(maxRelativeError(y.data, expected.data)).toBeLessThan(1e-4);
    expect(await runCli(args, capture().output)).toBe(ExitCode.usage);
    const bad = join(directory, 'not-an-image.png');
    await writeFile(bad, 'hello');
    const failed = capture();
    expect(
      await runCli(['latents', '--weights', weights, '--in', bad, '--out', join(directory, 'z.npy')], failed.output),
    ).toBe(ExitCode.usage);
    expect(failed.errors.join('\n')).toMatch(/LICO_INVALID_ARGUMENT: .*not an image/);
  });
});

describe('lico bench transforms', () => {
  test('--json: g_a and g_s times per backend, PyTorch beside them when it is installed', async () => {
    const run = capture();
    const args = ['bench', 'transforms', '--archs', 'bmshj2018-hyperprior', '--backends', 'native,js'];
    const code = await runCli(
      [...args, '--width', '64', '--height', '48', '--repeats', '1', '--no-write', '--json'],
      run.output,
    );
    expect(code).toBe(ExitCode.ok);
    const result = JSON.parse(run.lines[0]);
    const arch = result.archs['bmshj2018-hyperprior'];
    expect(arch).toMatchObject({ N: 128, M: 192, y: [1, 192, 3, 4], issue: { encodeS: 0.46, decodeS: 0.76 } });
    for (const backend of ['native', 'js']) {
      expect(arch.backends[backend].analysisS).toBeGreaterThan(0);
      expect(arch.backends[backend].synthesisS).toBeGreaterThan(0);
    }
    expect(arch.pytorch.analysisS ?? arch.pytorch.error).toBeDefined();
    if (arch.pytorch.analysisS) expect(arch.nativeOverPytorch).toBeGreaterThan(0);
    expect(await runCli(['bench', 'transforms', '--archs', 'jpeg'], capture().output)).toBe(ExitCode.usage);
  }, 120_000);
});
