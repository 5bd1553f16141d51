/**
 * Writes the report of the training runs: docs/results/training.md (the block between
 * `<!-- training:begin -->` and `<!-- training:end -->`; a new file gets a heading and an intro),
 * training-curves.svg/.png (loss, bpp and PSNR on training crops against step, one line per run,
 * means over 250 steps) and, once kodak.json holds a Lico codec, training-rd-psnr.svg/.png.
 *
 *   npx tsx --conditions=@lico/source tools/training-report.ts [--dir docs/results]
 *
 * Inputs, all under --dir: training/runs.json, the logs it names in training/, kodak.json
 * (`lico eval`; optional). runs.json is edited by hand:
 *
 *   { "runs": [ { "name": "lico-q4", "model": "lico-checkerboard-gmm", "N": 96, "M": 144,
 *                 "lambda": 0.013, "quality": 4, "log": "lico-q4.jsonl", "init": null,
 *                 "codec": "lico", "note": "optional free text" } ] }
 *
 * name: unique; N, M, quality: positive integers (quality numbered as CompressAI's); lambda: > 0;
 * log: the trainer's log.jsonl copied into training/ (relative to it); init: the name of the run
 * of this manifest it was fine-tuned from, or null; codec: the `lico eval` codec whose Kodak points
 * belong to this model (`lico` for lico-checkerboard-gmm, `bmshj2018-hyperprior` for that model);
 * note: optional. Other fields are ignored.
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeFileAtomically } from '@lico/core/node';
import * as vega from 'vega';
import { compile } from 'vega-lite';
import { rdPlotSvg, svgToPng } from '../apps/cli/src/eval/rd-plots.js';
import {
  curvesSpec,
  type KodakResults,
  licoCodecsIn,
  parseKodak,
  parseLog,
  parseManifest,
  REFERENCE_CODECS,
  type RunSummary,
  replaceBlock,
  summarizeRun,
  trainingBlock,
} from './training-report/report.js';

const { values } = parseArgs({ options: { dir: { type: 'string' } } });
const dir = values.dir ? resolve(values.dir) : fileURLToPath(new URL('../docs/results/', import.meta.url));
const RUN_SELF = 'tools/training-report.ts';
/** Paths in messages as the user would type them. */
const shown = (path: string) => relative(process.cwd(), path) || '.';

/** Null when the file does not exist; any other error stops the report. */
async function readOptional(path: string): Promise<string | null> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

async function writeSvgAndPng(name: string, svg: string): Promise<void> {
  await writeFileAtomically(join(dir, `${name}.svg`), svg);
  await writeFileAtomically(join(dir, `${name}.png`), await svgToPng(svg));
  console.log(`wrote ${shown(join(dir, `${name}.svg`))} and .png`);
}

async function readRuns(): Promise<RunSummary[]> {
  const manifestPath = join(dir, 'training', 'runs.json');
  const manifestText = await readOptional(manifestPath);
  if (manifestText === null)
    throw new Error(`${shown(manifestPath)}: not found (the run manifest; format in ${RUN_SELF})`);
  const runs = parseManifest(manifestText, shown(manifestPath));
  return Promise.all(
    runs.map(async (run, i) => {
      const logPath = join(dir, 'training', run.log);
      const text = await readOptional(logPath);
      if (text === null)
        throw new Error(`${shown(manifestPath)}: runs[${i}] ("${run.name}"): field "log": ${shown(logPath)} not found`);
      return summarizeRun(run, parseLog(text, shown(logPath)));
    }),
  );
}

async function readKodak(): Promise<KodakResults | null> {
  const path = join(dir, 'kodak.json');
  const text = await readOptional(path);
  return text === null ? null : parseKodak(text, shown(path));
}

const summaries = await readRuns();
const kodak = await readKodak();

if (summaries.length > 0) {
  const view = new vega.View(vega.parse(compile(curvesSpec(summaries)).spec), { renderer: 'none' });
  await writeSvgAndPng('training-curves', await view.toSVG());
}

const lico =
  kodak === null
    ? []
    : licoCodecsIn(
        kodak,
        summaries.map((s) => s.run),
      );
if (kodak !== null && lico.length > 0) {
  const references = REFERENCE_CODECS.flatMap((name) => kodak.codecs.filter((c) => c.name === name));
  const svg = await rdPlotSvg([...lico, ...references], 'psnr', 'Kodak: trained Lico models and reference codecs');
  await writeSvgAndPng('training-rd-psnr', svg);
} else {
  console.log(`${kodak === null ? 'no kodak.json' : 'no Lico codec in kodak.json'}: no rate–PSNR plot`);
}

const markdownPath = join(dir, 'training.md');
const markdown = replaceBlock(await readOptional(markdownPath), trainingBlock(summaries, kodak), shown(markdownPath));
await writeFileAtomically(markdownPath, markdown);
console.log(`wrote ${shown(markdownPath)}`);
