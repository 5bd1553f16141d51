import { appendFile, mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { jpegCodec } from '../src/eval/codecs/jpeg.js';
import { runEval } from '../src/eval/run-eval.js';
import { ExitCode, runCli } from '../src/main.js';
import { syntheticImage } from './eval-images.js';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, output: { out: (t: string) => lines.push(t), progress: (t: string) => errors.push(t) } };
}

async function writeImage(path: string, width: number, height: number, seed: number) {
  const image = syntheticImage(width, height, seed);
  await sharp(image.data, { raw: { width, height, channels: 3 } })
    .png()
    .toFile(path);
}

let root: string;
let dataset: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'lico-eval-cli-'));
  dataset = join(root, 'images');
  await mkdir(dataset);
  // Two small images, just over MS-SSIM's 161 pixels per side; one of odd width.
  await writeImage(join(dataset, 'a.png'), 176, 164, 1);
  await writeImage(join(dataset, 'b.png'), 163, 168, 2);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

const FILES = [
  'results.json',
  'results.csv',
  'results-images.csv',
  'results.md',
  'results-bd-rate.json',
  'results-psnr.svg',
  'results-psnr.png',
  'results-msssim.svg',
  'results-msssim.png',
];

describe('lico eval', () => {
  test('two codecs on two images: JSON line, CSVs, BD tables, plots; no overwrite without --force', async () => {
    const out = join(root, 'out');
    const args = ['eval', '--dataset', dataset, '--codecs', 'jpeg,webp', '--out', out];
    const sweep = ['--qualities', 'jpeg:20,60', '--qualities', 'webp:20,60,85'];
    const run = capture();
    expect(await runCli([...args, ...sweep, '--json'], run.output)).toBe(ExitCode.ok);
    expect(run.lines).toHaveLength(1);
    const summary = JSON.parse(run.lines[0]);
    expect(summary.files.sort()).toEqual([...FILES].sort());
    expect(summary.images).toEqual(['a.png', 'b.png']);
    expect(summary.codecs.map((c: { name: string }) => c.name)).toEqual(['jpeg', 'webp']);
    expect(summary.codecs[1].points).toHaveLength(3);
    expect(typeof summary.bd.rateOnPsnr.webp.jpeg).toBe('number');
    expect(typeof summary.bd.rateOnMsssim.jpeg.webp).toBe('number');
    expect(summary.bd.rateOnPsnr.jpeg.jpeg).toBeNull();

    const report = JSON.parse(await readFile(join(out, 'results.json'), 'utf8'));
    expect(report.records).toHaveLength(2 * 5);
    for (const r of report.records) {
      expect(r.bpp).toBeCloseTo((8 * r.bytes) / (r.width * r.height), 12);
      expect(r.psnr).toBeGreaterThan(20);
      expect(r.msssim).toBeGreaterThan(0.5);
    }
    const jpeg20 = report.records.filter(
      (r: { codec: string; quality: number }) => r.codec === 'jpeg' && r.quality === 20,
    );
    const point = report.codecs[0].points.find((p: { quality: number }) => p.quality === 20);
    expect(point.bpp).toBeCloseTo((jpeg20[0].bpp + jpeg20[1].bpp) / 2, 12);
    expect((await readFile(join(out, 'results.csv'), 'utf8')).trim().split('\n')).toHaveLength(1 + 5);
    expect((await readFile(join(out, 'results-images.csv'), 'utf8')).trim().split('\n')).toHaveLength(1 + 10);
    expect(await readFile(join(out, 'results-psnr.svg'), 'utf8')).toMatch(/^<svg/);
    expect([...(await readFile(join(out, 'results-msssim.png'))).subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]);
    const markdown = await readFile(join(out, 'results.md'), 'utf8');
    expect(markdown).toContain('| **webp** |');

    const again = capture();
    expect(await runCli([...args, ...sweep], again.output)).toBe(ExitCode.usage);
    expect(again.errors.join('\n')).toContain('--force');

    // --force rewrites the set and keeps the analysis outside the markers; --merge adds a codec.
    await appendFile(join(out, 'results.md'), '\nAnalysis kept.\n');
    const jpegOnly = ['eval', '--dataset', dataset, '--codecs', 'jpeg', '--qualities', '20,50,90', '--out', out];
    expect(await runCli([...jpegOnly, '--force'], capture().output)).toBe(ExitCode.ok);
    const merged = capture();
    const mergeArgs = [
      'eval',
      '--dataset',
      dataset,
      '--codecs',
      'jxl',
      '--qualities',
      '8,3,1,0.5',
      '--out',
      out,
      '--merge',
    ];
    expect(await runCli([...mergeArgs, '--json'], merged.output)).toBe(ExitCode.ok);
    const after = JSON.parse(merged.lines[0]);
    expect(after.codecs.map((c: { name: string; qualities: number[] }) => [c.name, c.qualities])).toEqual([
      ['jpeg', [20, 50, 90]],
      ['jxl', [8, 3, 1, 0.5]],
    ]);
    expect(typeof after.bd.rateOnPsnr.jxl.jpeg).toBe('number');
    expect(await readFile(join(out, 'results.md'), 'utf8')).toContain('Analysis kept.');
  }, 120_000);

  test('usage errors and a refused image exit 2; a missing tool exits 3', async () => {
    const out = join(root, 'errors');
    const base = ['eval', '--dataset', dataset, '--out', out];
    expect(await runCli([...base, '--codecs', 'bpg'], capture().output)).toBe(ExitCode.usage);
    expect(await runCli([...base, '--codecs', 'jpeg', '--qualities', 'webp:10'], capture().output)).toBe(
      ExitCode.usage,
    );
    expect(await runCli([...base, '--codecs', 'jpeg', '--qualities', 'x,y'], capture().output)).toBe(ExitCode.usage);
    expect(await runCli([...base, '--codecs', 'jpeg', '--merge'], capture().output)).toBe(ExitCode.usage);
    expect(await runCli([...base, '--codecs', 'jpeg', '--qualities', '500'], capture().output)).toBe(ExitCode.usage);
    expect(await runCli(['eval', '--codecs', 'jpeg', '--dataset', join(root, 'none')], capture().output)).toBe(
      ExitCode.usage,
    );

    const grey = join(root, 'grey');
    await mkdir(grey);
    await sharp({ create: { width: 170, height: 170, channels: 3, background: '#808080' } })
      .toColourspace('b-w')
      .png()
      .toFile(join(grey, 'g.png'));
    const refused = capture();
    expect(await runCli(['eval', '--dataset', grey, '--codecs', 'jpeg', '--out', out], refused.output)).toBe(
      ExitCode.usage,
    );
    expect(refused.errors.join('\n')).toMatch(/LICO_INVALID_ARGUMENT: g\.png is grayscale/);

    const path = process.env.PATH;
    process.env.PATH = root;
    try {
      const missing = capture();
      expect(await runCli([...base, '--codecs', 'avif'], missing.output)).toBe(ExitCode.backendUnavailable);
      expect(missing.errors.join('\n')).toContain('libavif-bin');
    } finally {
      process.env.PATH = path;
    }
  });

  test('images under 161 pixels per side get PSNR and bpp, and MS-SSIM null', async () => {
    const tiny = join(root, 'tiny');
    await mkdir(tiny);
    await writeImage(join(tiny, 't.png'), 40, 30, 3);
    const run = await runEval({
      images: [join(tiny, 't.png')],
      codecs: [jpegCodec()],
      qualities: new Map([['jpeg', [50]]]),
    });
    expect(run.tooSmallForMsSsim).toEqual(['t.png']);
    expect(run.records[0].msssim).toBeNull();
    expect(run.records[0].psnr).toBeGreaterThan(25);
  });
});
