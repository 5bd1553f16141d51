import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { LicoError } from '@lico/core';
import { writeFileAtomically } from '@lico/core/node';
import { machineInfo } from '../bench/results-files.js';
import {
  codecInfos,
  curvesCsv,
  type EvalReport,
  evalMarkdown,
  METRIC_NOTES,
  measuredOnLine,
  recordsCsv,
} from './eval-report.js';
import { ensureDirectory, markdownWithMeasuredBlock, resultFileNames } from './output-files.js';
import { rdPlotSvg, svgToPng } from './rd-plots.js';
import type { CodecInfo, ImageRecord } from './run-eval.js';
import { averageCurves, bdTables } from './summary.js';

/** `codec.measuredOn` with `line` for each of its qualities that has none. */
function stampMeasuredOn(codec: CodecInfo, line: string): CodecInfo {
  const measuredOn = Object.fromEntries(codec.qualities.map((q) => [q, codec.measuredOn?.[q] ?? line]));
  return { ...codec, measuredOn };
}

/**
 * Averages, BD tables and metadata around a run's records. Points without a `measuredOn` entry
 * (those this run measured) are stamped with this machine and date.
 */
export function buildReport(
  dataset: string,
  images: readonly string[],
  codecs: readonly CodecInfo[],
  records: readonly ImageRecord[],
): EvalReport {
  const { date, ...machine } = machineInfo();
  const here = measuredOnLine({ date, machine });
  const curves = averageCurves(
    codecs.map((codec) => stampMeasuredOn(codec, here)),
    records,
  );
  return {
    format: 'lico-eval/1',
    date,
    machine,
    dataset,
    images: [...images],
    metrics: METRIC_NOTES,
    codecs: curves,
    bd: bdTables(curves),
    records: [...records],
  };
}

/** Reads `NAME.json` of an earlier run, for `--merge`. */
export async function readReport(out: string, name: string): Promise<EvalReport> {
  const path = join(out, resultFileNames(name).json);
  const text = await readFile(path, 'utf8').catch(() => {
    throw new LicoError('LICO_INVALID_ARGUMENT', `--merge needs an earlier result set; ${path} cannot be read`);
  });
  let report: EvalReport | undefined;
  try {
    report = JSON.parse(text) as EvalReport;
  } catch {}
  if (report?.format !== 'lico-eval/1' || !Array.isArray(report.records))
    throw new LicoError('LICO_INVALID_ARGUMENT', `${path} is not a lico eval result set (format lico-eval/1)`);
  return report;
}

/**
 * The qualities of an earlier run of a codec that a new run of it may keep: those the new run did
 * not measure, with the same description and the same `qualityVersions` entry (a codec without
 * quality versions keeps none: its points are re-measured together).
 */
function reusableQualities(earlier: CodecInfo, fresh: CodecInfo): number[] {
  if (earlier.description !== fresh.description) return [];
  return earlier.qualities.filter((quality) => {
    const version = earlier.qualityVersions?.[quality];
    return !fresh.qualities.includes(quality) && version !== undefined && version === fresh.qualityVersions?.[quality];
  });
}

/**
 * Adds an earlier report's codecs that this run did not measure (same images required), so that
 * one codec can be added to a result set without re-running the others. A codec this run measured
 * at some of its qualities (`--qualities`) keeps its earlier points at the others while their
 * quality versions are unchanged (Lico: a rate point whose weights were not replaced).
 */
export function mergeRuns(
  earlier: EvalReport,
  images: readonly string[],
  codecs: readonly CodecInfo[],
  records: readonly ImageRecord[],
): { codecs: CodecInfo[]; records: ImageRecord[] } {
  if (earlier.images.join('\n') !== images.join('\n'))
    throw new LicoError(
      'LICO_INVALID_ARGUMENT',
      `--merge: the earlier result set measured other images (${earlier.images.length}: ${earlier.images.slice(0, 3).join(', ')}…); use the same --dataset and --images`,
    );
  // Result sets written before `measuredOn` existed: their points are of the earlier run's machine.
  const earlierLine = measuredOnLine(earlier);
  const before = new Map(codecInfos(earlier).map((c) => [c.name, stampMeasuredOn(c, earlierLine)]));
  const keep = new Map<string, readonly number[]>(); // codec → earlier qualities kept
  const merged = codecs.map((codec) => {
    const previous = before.get(codec.name);
    const reused = previous ? reusableQualities(previous, codec) : [];
    keep.set(codec.name, reused);
    if (reused.length === 0) return codec;
    const measuredOn = Object.fromEntries(reused.map((q) => [q, previous?.measuredOn?.[q] ?? earlierLine]));
    return {
      ...codec,
      qualities: [...codec.qualities, ...reused].sort((a, b) => a - b),
      measuredOn: { ...measuredOn, ...codec.measuredOn },
    };
  });
  const untouched = [...before.values()].filter((c) => !keep.has(c.name));
  for (const codec of untouched) keep.set(codec.name, codec.qualities);
  return {
    codecs: [...untouched, ...merged],
    records: [...earlier.records.filter((r) => keep.get(r.codec)?.includes(r.quality)), ...records],
  };
}

/**
 * Writes the result set `NAME` into `out`, each file through a temporary file and a rename:
 * JSON, CSVs, the Markdown's measured block (analysis outside the markers kept), the BD tables
 * and the PSNR and MS-SSIM plots (SVG and PNG). Returns the file names.
 */
export async function writeResultSet(report: EvalReport, out: string, name: string): Promise<string[]> {
  const files = resultFileNames(name);
  await ensureDirectory(out);
  const title = `${name}: rate–distortion of image codecs`;
  const hasMsssim = Object.keys(report.bd.rateOnMsssim).length > 0;
  const written: string[] = [];
  const write = async (file: string, data: string | Uint8Array) => {
    await writeFileAtomically(join(out, file), typeof data === 'string' ? new TextEncoder().encode(data) : data);
    written.push(file);
  };
  await write(files.json, `${JSON.stringify(report, null, 2)}\n`);
  await write(files.csv, curvesCsv(report.codecs));
  await write(files.imagesCsv, recordsCsv(report.records));
  await write(
    files.bdJson,
    `${JSON.stringify({ dataset: report.dataset, date: report.date, ...report.bd }, null, 2)}\n`,
  );
  const psnrSvg = await rdPlotSvg(report.codecs, 'psnr', `PSNR against rate, ${report.images.length} images`);
  await write(files.psnrSvg, psnrSvg);
  await write(files.psnrPng, await svgToPng(psnrSvg));
  if (hasMsssim) {
    const msssimSvg = await rdPlotSvg(report.codecs, 'msssim', `MS-SSIM against rate, ${report.images.length} images`);
    await write(files.msssimSvg, msssimSvg);
    await write(files.msssimPng, await svgToPng(msssimSvg));
  }
  const markdown = await markdownWithMeasuredBlock(join(out, files.markdown), title, evalMarkdown(report, files));
  await write(files.markdown, markdown);
  return written;
}
