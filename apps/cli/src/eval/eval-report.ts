import type { CodecInfo, ImageRecord } from './run-eval.js';
import type { BdMatrix, BdTables, CodecCurve } from './summary.js';

/** The JSON document of a result set (`NAME.json`); `records` lets a later run merge into it. */
export interface EvalReport {
  readonly format: 'lico-eval/1';
  readonly date: string;
  readonly machine: { readonly cpu: string; readonly cores: number; readonly node: string };
  readonly dataset: string;
  readonly images: readonly string[];
  readonly metrics: Readonly<Record<string, string>>;
  readonly codecs: readonly CodecCurve[];
  readonly bd: BdTables;
  readonly records: readonly ImageRecord[];
}

/** How each number is computed, recorded in every report. */
export const METRIC_NOTES = {
  bpp: '8 · file bytes / (width · height)',
  psnr: '10 · log10(255² / MSE), MSE over all R, G, B values (CompressAI psnr-rgb)',
  msssim:
    'MS-SSIM of Wang et al. 2003 per channel (5 scales, weights 0.0448/0.2856/0.3001/0.2363/0.1333, Gaussian 11×11 σ 1.5, valid), mean over R, G, B (pytorch_msssim, data_range 255)',
  average: 'per codec and quality, the mean of per-image values (CompressAI)',
  bdRate:
    'Bjøntegaard delta rate (VCEG-M33) with pchip interpolation of ln(bpp) over quality, integrated exactly over the overlapping quality range; MS-SSIM read in dB',
} as const;

/** When and where a run measured: `2026-11-23, CPU model (2 cores), Node v20.19.0`. */
export function measuredOnLine(run: Pick<EvalReport, 'date' | 'machine'>): string {
  return `${run.date.slice(0, 10)}, ${run.machine.cpu} (${run.machine.cores} cores), Node ${run.machine.node}`;
}

const csvField = (value: string | number | null) => {
  if (value === null) return '';
  const text = String(value);
  return /[",\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};
const csv = (header: readonly string[], rows: readonly (readonly (string | number | null)[])[]) =>
  `${[header, ...rows].map((row) => row.map(csvField).join(',')).join('\n')}\n`;

/** `NAME.csv`: one row per codec and quality, averaged over images. */
export function curvesCsv(curves: readonly CodecCurve[]): string {
  return csv(
    ['codec', 'quality', 'bpp', 'psnr', 'msssim', 'images', 'encode_seconds', 'decode_seconds', 'measured_on'],
    curves.flatMap((c) =>
      c.points.map((p) => [
        c.name,
        p.quality,
        p.bpp,
        p.psnr,
        p.msssim,
        p.images,
        p.encodeSeconds,
        p.decodeSeconds,
        c.measuredOn?.[p.quality] ?? null,
      ]),
    ),
  );
}

/** `NAME-images.csv`: one row per codec, quality and image. */
export function recordsCsv(records: readonly ImageRecord[]): string {
  return csv(
    [
      'codec',
      'quality',
      'image',
      'width',
      'height',
      'bytes',
      'bpp',
      'psnr',
      'msssim',
      'encode_seconds',
      'decode_seconds',
    ],
    records.map((r) => [
      r.codec,
      r.quality,
      r.image,
      r.width,
      r.height,
      r.bytes,
      r.bpp,
      r.psnr,
      r.msssim,
      r.encodeSeconds,
      r.decodeSeconds,
    ]),
  );
}

const signed = (value: number | null, digits: number, unit: string) =>
  value === null ? '—' : `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(digits)}${unit}`;

function matrixTable(names: readonly string[], matrix: BdMatrix, digits: number, unit: string): string[] {
  const present = names.filter((n) => n in matrix);
  return [
    `| codec \\ anchor | ${present.join(' | ')} |`,
    `|---|${present.map(() => '---:').join('|')}|`,
    ...present.map(
      (test) =>
        `| **${test}** | ${present.map((anchor) => (test === anchor ? '·' : signed(matrix[test][anchor], digits, unit))).join(' | ')} |`,
    ),
  ];
}

const escapeCell = (text: string) => text.replaceAll('|', '\\|');

/** Where a merged report holds points measured by earlier runs: which, and when and where. */
function carriedOverLines(report: EvalReport): string[] {
  const current = measuredOnLine(report);
  const earlier = report.codecs.flatMap((c) => {
    const byRun = new Map<string, number[]>();
    for (const quality of c.qualities) {
      const line = c.measuredOn?.[quality];
      if (line !== undefined && line !== current) byRun.set(line, [...(byRun.get(line) ?? []), quality]);
    }
    return [...byRun].map(([line, qualities]) => `- ${c.name}, ${c.qualityName} ${qualities.join(', ')}: ${line}`);
  });
  if (earlier.length === 0) return [];
  return [
    '',
    'Points kept from earlier runs (`--merge`); their encode and decode times were measured there:',
    '',
    ...earlier,
  ];
}

/** The measured block of `NAME.md`: setup, BD tables, averaged points, plots. */
export function evalMarkdown(report: EvalReport, files: { psnrSvg: string; msssimSvg: string }): string {
  const names = report.codecs.map((c) => c.name);
  const sizes = [...new Set(report.records.map((r) => `${r.width}×${r.height}`))];
  const hasMsssim = Object.keys(report.bd.rateOnMsssim).length > 0;
  const lines = [
    `Measured ${report.date.slice(0, 10)} on ${report.machine.cpu} (${report.machine.cores} cores), Node ${report.machine.node}: ${report.images.length} images of \`${report.dataset}\` (${sizes.join(', ')}). Rate: 8 · file bytes / pixels; PSNR over RGB; MS-SSIM as pytorch_msssim; every number the mean of per-image values.`,
    '',
    '| codec | version | settings | quality knob (swept) |',
    '|---|---|---|---|',
    ...report.codecs.map(
      (c) =>
        `| ${c.name} | ${escapeCell(c.version)} | ${escapeCell(c.description)} | ${escapeCell(c.qualityName)}: ${c.qualities.join(', ')} |`,
    ),
    ...carriedOverLines(report),
    '',
    '**BD-rate at equal PSNR** (row against column; negative: the row codec needs fewer bits):',
    '',
    ...matrixTable(names, report.bd.rateOnPsnr, 1, ' %'),
    '',
    '**BD-PSNR at equal rate** (dB; positive: the row codec is better):',
    '',
    ...matrixTable(names, report.bd.psnr, 2, ''),
  ];
  if (hasMsssim)
    lines.push(
      '',
      '**BD-rate at equal MS-SSIM** (MS-SSIM in dB):',
      '',
      ...matrixTable(names, report.bd.rateOnMsssim, 1, ' %'),
    );
  lines.push(
    '',
    '**Rate–distortion points** (mean over images):',
    '',
    '| codec | quality | bpp | PSNR (dB) | MS-SSIM |',
    '|---|---:|---:|---:|---:|',
    ...report.codecs.flatMap((c) =>
      c.points.map(
        (p) =>
          `| ${c.name} | ${p.quality} | ${p.bpp.toFixed(3)} | ${p.psnr.toFixed(2)} | ${p.msssim === null ? '—' : p.msssim.toFixed(4)} |`,
      ),
    ),
    '',
    `![PSNR against bpp](${files.psnrSvg})`,
  );
  if (hasMsssim) lines.push('', `![MS-SSIM against bpp](${files.msssimSvg})`);
  return lines.join('\n');
}

/** The one-line `--json` summary: the report without per-image records. */
export function jsonSummary(report: EvalReport, out: string, files: readonly string[]) {
  const { records: _records, ...rest } = report;
  return { out, files, ...rest };
}

/** Codec metadata of a report, as a run produced it (for merging). */
export function codecInfos(report: EvalReport): CodecInfo[] {
  return report.codecs.map(({ points: _points, ...info }) => info);
}
