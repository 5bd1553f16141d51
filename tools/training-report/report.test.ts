import { describe, expect, test } from 'vitest';
import {
  BLOCK_BEGIN,
  BLOCK_END,
  curvesSpec,
  finalMean,
  formatPercent,
  type KodakResults,
  learningRateRanges,
  parseKodak,
  parseLog,
  parseManifest,
  replaceBlock,
  summarizeRun,
  type TrainingRun,
  trainingBlock,
  WARM_UP,
  WINDOW_STEPS,
} from './report.js';

const RUN: TrainingRun = {
  name: 'lico-q4',
  model: 'lico-checkerboard-gmm',
  N: 96,
  M: 144,
  lambda: 0.013,
  quality: 4,
  log: 'lico-q4.jsonl',
  init: null,
  codec: 'lico',
  note: null,
};

/**
 * Steps 10…600 every 10 steps; crop 128 then 256 after step 300; lr 1e-4 then 1e-5 after 400;
 * 30 s a step (5 h in all); loss 4, 2, 1 in the windows 1–250, 251–500, 501–600; bpp = step/1000;
 * MSE 1e-3 (30 dB) up to step 250, then 1e-4 (40 dB).
 */
function syntheticLog(): string {
  const lines: string[] = [];
  for (let step = 10; step <= 600; step += 10) {
    const mse = step <= 250 ? 1e-3 : 1e-4;
    const line = {
      step,
      loss: step <= 250 ? 4 : step <= 500 ? 2 : 1,
      bpp: step / 1000,
      mse,
      psnr: -10 * Math.log10(mse),
      aux: 100,
      lr: step <= 400 ? 1e-4 : 1e-5,
      crop: step <= 300 ? 128 : 256,
      secondsPerStep: 30,
      seconds: step * 30,
      time: '2026-11-22T20:13:26.186Z',
    };
    lines.push(JSON.stringify(line));
  }
  return `${lines.join('\n')}\n`;
}

describe('summarizing a log', () => {
  const summary = summarizeRun(RUN, parseLog(syntheticLog(), 'lico-q4.jsonl'));

  test('finds the crop and learning-rate stretches, the steps and the hours', () => {
    expect(summary.steps).toBe(600);
    expect(summary.crops).toEqual([
      { value: 128, first: 1, last: 300 },
      { value: 256, first: 301, last: 600 },
    ]);
    expect(summary.learningRates).toEqual([
      { value: 1e-4, first: 1, last: 400 },
      { value: 1e-5, first: 401, last: 600 },
    ]);
    expect(summary.hours).toBeCloseTo(5, 10);
  });

  test('a rising start of the learning rate is one warm-up stretch', () => {
    const lines = parseLog(
      [2.5e-5, 5e-5, 7.5e-5, 1e-4, 1e-4, 1e-5]
        .map((lr, i) => JSON.stringify({ step: 10 * (i + 1), loss: 1, bpp: 1, mse: 0.01, lr, crop: 256, seconds: i }))
        .join('\n'),
      'warm.jsonl',
    );
    expect(learningRateRanges(lines)).toEqual([
      { value: WARM_UP, first: 1, last: 30 },
      { value: 1e-4, first: 31, last: 50 },
      { value: 1e-5, first: 51, last: 60 },
    ]);
  });

  test('averages each window of steps', () => {
    expect(WINDOW_STEPS).toBe(250);
    expect(summary.windows.map((w) => w.step)).toEqual([250, 500, 600]);
    expect(summary.windows.map((w) => w.loss)).toEqual([4, 2, 1]);
    // bpp = step/1000: the mean of 0.01…0.25, of 0.26…0.50 and of 0.51…0.60.
    const bpp = summary.windows.map((w) => w.bpp);
    expect(bpp[0]).toBeCloseTo(0.13, 10);
    expect(bpp[1]).toBeCloseTo(0.38, 10);
    expect(bpp[2]).toBeCloseTo(0.555, 10);
    expect(summary.windows[0].psnr).toBeCloseTo(30, 10);
    expect(summary.windows[1].psnr).toBeCloseTo(40, 10);
  });

  test('the final numbers are the means over the last window of steps', () => {
    // Steps 351–600: 15 lines of loss 2 (360–500), 10 of loss 1 (510–600).
    expect(summary.final.step).toBe(600);
    expect(summary.final.loss).toBeCloseTo((15 * 2 + 10 * 1) / 25, 10);
    expect(summary.final.psnr).toBeCloseTo(40, 10);
  });

  test('weights a line by the steps it stands for (a short last line counts less)', () => {
    const lines = parseLog(
      [
        { step: 10, loss: 1 },
        { step: 20, loss: 1 },
        { step: 25, loss: 4 },
      ]
        .map((l) => JSON.stringify({ ...l, bpp: 1, mse: 0.01, lr: 1e-4, crop: 128, seconds: l.step }))
        .join('\n'),
      'short.jsonl',
    );
    expect(finalMean(lines).loss).toBeCloseTo((10 + 10 + 4 * 5) / 25, 10);
  });

  test('leaves out a half-written last line but refuses a bad line before it', () => {
    const log = syntheticLog();
    expect(parseLog(`${log}{"step":610,"lo`, 'x.jsonl')).toHaveLength(60);
    expect(() => parseLog(`{"step":5,"lo\n${log}`, 'x.jsonl')).toThrow(/x\.jsonl:1/);
  });

  test('refuses steps that go back and a line without a field', () => {
    const lines = syntheticLog().trim().split('\n');
    expect(() => parseLog([lines[1], lines[0]].join('\n'), 'x.jsonl')).toThrow(/x\.jsonl:2.*step 10/);
    const noCrop = JSON.parse(lines[0]);
    delete noCrop.crop;
    expect(() => parseLog(JSON.stringify(noCrop), 'x.jsonl')).toThrow(/x\.jsonl:1.*"crop" is missing/);
  });

  test('the curves put loss, bpp and PSNR side by side with their own y scales', () => {
    const spec = curvesSpec([summary]) as unknown as {
      hconcat: { encoding: { y: { field: string } } }[];
      resolve: unknown;
      data: { values: unknown[] };
    };
    expect(spec.hconcat.map((panel) => panel.encoding.y.field)).toEqual(['loss', 'bpp', 'psnr']);
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
    expect(spec.data.values).toHaveLength(3);
  });
});

describe('the manifest', () => {
  // RUN as a manifest entry: JSON leaves the undefined note out.
  const entry = { ...RUN, note: undefined };
  const manifest = (runs: unknown[]) => JSON.stringify({ runs });

  test('reads a good entry, with the note optional', () => {
    const [run] = parseManifest(manifest([{ ...entry, note: 'from scratch' }]), 'runs.json');
    expect(run).toEqual({ ...entry, note: 'from scratch' });
    expect(parseManifest(manifest([entry]), 'runs.json')[0].note).toBeNull();
  });

  test('refuses an entry without a field, naming the file, the entry and the field', () => {
    const { lambda: _, ...noLambda } = entry;
    expect(() => parseManifest(manifest([entry, { ...noLambda, name: 'b' }]), 'training/runs.json')).toThrow(
      'training/runs.json: runs[1] ("b"): field "lambda" is missing',
    );
    const { init: __, ...noInit } = entry;
    expect(() => parseManifest(manifest([noInit]), 'runs.json')).toThrow(/field "init" is missing/);
  });

  test('refuses a wrong type, a repeated name and an init that names no run', () => {
    expect(() => parseManifest(manifest([{ ...entry, N: '96' }]), 'runs.json')).toThrow(/field "N" must be/);
    expect(() => parseManifest(manifest([entry, entry]), 'runs.json')).toThrow(/listed twice/);
    expect(() => parseManifest(manifest([{ ...entry, init: 'base' }]), 'runs.json')).toThrow(/field "init": "base"/);
    expect(() => parseManifest('{"run": []}', 'runs.json')).toThrow(/runs\.json: field "runs"/);
  });
});

const point = (quality: number, bpp: number, psnr: number) => ({
  quality,
  bpp,
  psnr,
  msssim: 0.95,
  images: 24,
  encodeSeconds: 0.5,
  decodeSeconds: 0.25,
});
const codec = (name: string, points: ReturnType<typeof point>[]) => ({
  name,
  description: `${name} codec`,
  version: '1',
  qualityName: 'quality',
  qualities: points.map((p) => p.quality),
  points,
});

/** A kodak.json with jpeg, webp and (optionally) lico, BD-rates of lico as given. */
function kodakJson(lico: { jpeg: number; webp: number } | null): string {
  const codecs = [codec('jpeg', [point(10, 0.3, 26), point(50, 1, 32)]), codec('webp', [point(50, 0.5, 30)])];
  const bd = { rateOnPsnr: {}, psnr: {}, rateOnMsssim: {} } as Record<string, Record<string, unknown>>;
  if (lico) {
    codecs.push(codec('lico', [point(3, 0.3, 29.5), point(4, 0.456789, 31.23456)]));
    bd.rateOnPsnr.lico = { jpeg: lico.jpeg, webp: lico.webp, lico: null };
    bd.rateOnMsssim.lico = { jpeg: -25.75, webp: 0.04, lico: null };
  }
  return JSON.stringify({ format: 'lico-eval/1', date: '2026-11-22T19:22:42.622Z', codecs, bd });
}

const kodak = (lico: { jpeg: number; webp: number } | null): KodakResults => parseKodak(kodakJson(lico), 'kodak.json');

describe('the markdown block', () => {
  const summary = summarizeRun(RUN, parseLog(syntheticLog(), 'lico-q4.jsonl'));

  test('formats percentages with a true minus sign and one decimal', () => {
    expect(formatPercent(-36.648)).toBe('−36.6 %');
    expect(formatPercent(4.25)).toBe('+4.3 %');
    expect(formatPercent(null)).toBe('—');
  });

  test('lists the run with its ranges, hours and final numbers', () => {
    const block = trainingBlock([summary], null);
    expect(block).toContain('128 (1–300), 256 (301–600)');
    expect(block).toContain('1e-4 (1–400), 1e-5 (401–600)');
    expect(block).toContain('| 5.0 |');
    expect(block).toContain('| 40.00 | 1.600 |');
    expect(block).toContain('Total compute: **5.0 h**');
    expect(block).toContain('![training curves](training-curves.svg)');
  });

  test('shows Kodak points with λ, BD-rates and the verdict when lico beats both', () => {
    const block = trainingBlock([summary], kodak({ jpeg: -36.64, webp: -4.25 }));
    expect(block).toContain('| 4 | 0.013 | 0.457 | 31.23 | 0.9500 | 0.50 | 0.25 |');
    expect(block).toContain('| 3 | — | 0.300 | 29.50 |');
    expect(block).toContain('| **lico** | PSNR | −36.6 % | −4.3 % |');
    expect(block).toContain('| **lico** | MS-SSIM | −25.8 % | 0.0 % |');
    expect(block).toContain('beats WebP (BD-rate < 0): **yes** (−4.3 % against WebP)');
    expect(block).toContain('beats JPEG by at least 30 % (BD-rate ≤ −30 %): **yes** (−36.6 % against JPEG)');
    expect(block).toContain('![Kodak rate–PSNR](training-rd-psnr.svg)');
  });

  test('says no when lico loses to WebP or saves less than 30 % against JPEG', () => {
    const block = trainingBlock([summary], kodak({ jpeg: -29.96, webp: 2 }));
    expect(block).toContain('beats WebP (BD-rate < 0): **no** (+2.0 % against WebP)');
    expect(block).toContain('(BD-rate ≤ −30 %): **no**');
  });

  test('30 % exactly is enough against JPEG', () => {
    const block = trainingBlock([summary], kodak({ jpeg: -30, webp: -1 }));
    expect(block).toContain('(BD-rate ≤ −30 %): **yes** (−30.0 % against JPEG)');
  });

  test('lists lico-refined with the λ of the lico runs, and gives it a verdict of its own', () => {
    const results = JSON.parse(kodakJson({ jpeg: -10, webp: 20 }));
    results.codecs.push(codec('lico-refined', [point(4, 0.45, 31.5)]));
    results.bd.rateOnPsnr['lico-refined'] = { jpeg: -31, webp: -0.5 };
    results.bd.rateOnMsssim['lico-refined'] = { jpeg: -30, webp: 1 };
    const block = trainingBlock([summary], parseKodak(JSON.stringify(results), 'kodak.json'));
    expect(block).toContain('| 4 | 0.013 | 0.450 | 31.50 |');
    expect(block).toContain('| **lico-refined** | PSNR | −31.0 % | −0.5 % |');
    expect(block).toContain('Default model (`lico`), BD-rate at equal PSNR: beats WebP (BD-rate < 0): **no**');
    expect(block).toContain(
      'Default model with refined latents (`lico-refined`), BD-rate at equal PSNR: beats WebP (BD-rate < 0): **yes**',
    );
  });

  test('says the Lico models are not measured when kodak.json has none', () => {
    const block = trainingBlock([summary], kodak(null));
    expect(block).toContain('No Lico model in kodak.json yet');
    expect(block).toContain('not measured on Kodak yet');
    expect(block).not.toContain('training-rd-psnr.svg');
  });
});

describe('training.md', () => {
  test('replaces only the text between the markers', () => {
    const before = '# Title\n\nHand-written intro, kept.\n\n';
    const after = '\n\n## Analysis\n\nAlso kept, with no newline at the end';
    const existing = `${before}${BLOCK_BEGIN}\nold table\n${BLOCK_END}${after}`;
    const updated = replaceBlock(existing, 'new table', 'training.md');
    expect(updated).toBe(`${before}${BLOCK_BEGIN}\nnew table\n${BLOCK_END}${after}`);
    expect(updated).not.toContain('old table');
  });

  test('a new file gets the heading, the command and the manifest format', () => {
    const created = replaceBlock(null, 'table', 'training.md');
    expect(created.startsWith('# Training runs and trained models\n')).toBe(true);
    expect(created).toContain('npx tsx --conditions=@lico/source tools/training-report.ts');
    expect(created).toContain('`init`');
    expect(created).toContain(`${BLOCK_BEGIN}\ntable\n${BLOCK_END}\n`);
  });

  test('refuses markers out of order', () => {
    expect(() => replaceBlock(`${BLOCK_END}\n${BLOCK_BEGIN}`, 'x', 'training.md')).toThrow(/training\.md/);
  });
});
