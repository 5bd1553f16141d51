/**
 * The pure half of tools/training-report.ts: reads the run manifest, the trainer's logs and
 * kodak.json from their text, and builds the markdown block of docs/results/training.md and the
 * Vega-Lite spec of the training curves. No file system here, so that the tests feed it strings.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CodecCurve } from '../../apps/cli/src/eval/summary.js';

/** Steps per point of the curves, and the span of the "final" numbers of a run. */
export const WINDOW_STEPS = 250;

/** The eval codecs that run trained Lico weights, in the order the report lists them. */
export const LICO_CODECS: readonly string[] = ['lico', 'lico-refined', 'bmshj2018-hyperprior'];

/** Eval codecs that encode with another codec's weights (their λ is that codec's runs'). */
const SAME_WEIGHTS: Readonly<Record<string, string>> = { 'lico-refined': 'lico' };

/** The default model with its latents refined at encode time (`lico encode --refine 10`). */
export const REFINED_CODEC = 'lico-refined';

/** The reference codecs the trained models are compared with. */
export const REFERENCE_CODECS: readonly string[] = ['jpeg', 'webp', 'avif', 'x265'];

/** The model the verdict line is about (the codec the CLI encodes with by default). */
export const DEFAULT_CODEC = 'lico';

export const BLOCK_BEGIN = '<!-- training:begin -->';
export const BLOCK_END = '<!-- training:end -->';

export const RUN_COMMAND = 'npx tsx --conditions=@lico/source tools/training-report.ts';

/** One entry of docs/results/training/runs.json. */
export interface TrainingRun {
  readonly name: string;
  readonly model: string;
  readonly N: number;
  readonly M: number;
  readonly lambda: number;
  /** The rate point, CompressAI numbering. */
  readonly quality: number;
  /** The trainer's log.jsonl, relative to docs/results/training/. */
  readonly log: string;
  /** The run these weights were fine-tuned from, or null for a run from scratch. */
  readonly init: string | null;
  /** The `lico eval` codec whose Kodak points belong to this model. */
  readonly codec: string;
  readonly note: string | null;
}

/** The fields of a trainer log line the report uses (one line per 10 steps). */
export interface LogLine {
  readonly step: number;
  readonly loss: number;
  readonly bpp: number;
  /** Mean squared error on [0, 1] pixels. */
  readonly mse: number;
  readonly lr: number;
  readonly crop: number;
  /** Cumulative compute seconds of the run. */
  readonly seconds: number;
}

/** A stretch of consecutive steps that shared one setting (crop size or learning rate). */
export interface StepRange {
  /** The setting; for learning rates, {@link WARM_UP} marks the rising start of a run. */
  readonly value: number;
  readonly first: number;
  readonly last: number;
}

/** The `value` of a learning-rate stretch that rises step by step (`lico train --lr-warmup`). */
export const WARM_UP = -1;

/** Means over a span of steps. */
export interface WindowMean {
  /** The last logged step in the span: where the point is drawn. */
  readonly step: number;
  readonly loss: number;
  readonly bpp: number;
  /** PSNR in dB of the span's mean MSE. */
  readonly psnr: number;
}

export interface RunSummary {
  readonly run: TrainingRun;
  /** The last logged step. */
  readonly steps: number;
  readonly crops: readonly StepRange[];
  readonly learningRates: readonly StepRange[];
  readonly hours: number;
  /** One mean per WINDOW_STEPS steps (1–250, 251–500, …; the last one may be shorter). */
  readonly windows: readonly WindowMean[];
  /** The mean over the last WINDOW_STEPS steps of the run. */
  readonly final: WindowMean;
}

/** A codec of kodak.json: the same shape `lico eval` plots. */
export type KodakCodec = CodecCurve;

/** `matrix[row][anchor]` in percent; null where the curves do not overlap. */
export type BdMatrix = Readonly<Record<string, Readonly<Record<string, number | null>>>>;

export interface KodakResults {
  readonly date: string | null;
  readonly codecs: readonly KodakCodec[];
  readonly rateOnPsnr: BdMatrix;
  readonly rateOnMsssim: BdMatrix;
}

// ---------------------------------------------------------------------------------------------
// Reading and checking the inputs

type Json = Record<string, unknown>;

const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function parseJson(text: string, file: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: not valid JSON (${(error as Error).message})`);
  }
}

/** Reads the fields of one JSON object, each error naming the file, the entry and the field. */
class FieldReader {
  constructor(
    private readonly object: Json,
    private readonly where: string,
  ) {}

  private value(field: string): unknown {
    if (!(field in this.object) || this.object[field] === undefined)
      throw new Error(`${this.where}: field "${field}" is missing`);
    return this.object[field];
  }

  private fail(field: string, expected: string): never {
    throw new Error(`${this.where}: field "${field}" must be ${expected}, not ${JSON.stringify(this.object[field])}`);
  }

  string(field: string): string {
    const value = this.value(field);
    if (typeof value !== 'string' || value.trim() === '') this.fail(field, 'a non-empty string');
    return value;
  }

  stringOrNull(field: string): string | null {
    return this.value(field) === null ? null : this.string(field);
  }

  optionalString(field: string): string | null {
    return this.object[field] === undefined || this.object[field] === null ? null : this.string(field);
  }

  number(field: string): number {
    const value = this.value(field);
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'a finite number');
    return value;
  }

  positive(field: string): number {
    const value = this.number(field);
    if (!(value > 0)) this.fail(field, 'a positive number');
    return value;
  }

  positiveInteger(field: string): number {
    const value = this.number(field);
    if (!Number.isInteger(value) || value < 1) this.fail(field, 'a positive integer');
    return value;
  }

  numberOrNull(field: string): number | null {
    return this.value(field) === null ? null : this.number(field);
  }
}

function parseRun(entry: unknown, where: string): TrainingRun {
  if (!isObject(entry)) throw new Error(`${where}: must be an object`);
  const read = new FieldReader(entry, where);
  return {
    name: read.string('name'),
    model: read.string('model'),
    N: read.positiveInteger('N'),
    M: read.positiveInteger('M'),
    lambda: read.positive('lambda'),
    quality: read.positiveInteger('quality'),
    log: read.string('log'),
    init: read.stringOrNull('init'),
    codec: read.string('codec'),
    note: read.optionalString('note'),
  };
}

/**
 * Parses runs.json (format in tools/training-report.ts). `file` names it in the errors. Unknown
 * fields are ignored; names must be unique and `init` must name another run of the manifest.
 */
export function parseManifest(text: string, file: string): TrainingRun[] {
  const json = parseJson(text, file);
  if (!isObject(json) || !Array.isArray(json.runs)) throw new Error(`${file}: field "runs" must be an array`);
  const runs = json.runs.map((entry: unknown, i: number) => {
    const name = isObject(entry) && typeof entry.name === 'string' ? ` ("${entry.name}")` : '';
    return parseRun(entry, `${file}: runs[${i}]${name}`);
  });
  const names = new Set<string>();
  runs.forEach((run, i) => {
    if (names.has(run.name)) throw new Error(`${file}: runs[${i}]: field "name": "${run.name}" is listed twice`);
    names.add(run.name);
  });
  runs.forEach((run, i) => {
    if (run.init !== null && (run.init === run.name || !names.has(run.init)))
      throw new Error(`${file}: runs[${i}] ("${run.name}"): field "init": "${run.init}" names no other run`);
  });
  return runs;
}

/**
 * Parses a trainer log. The trainer appends whole lines, so an unterminated last line that does
 * not parse is a write in progress (a run still going) and is left out rather than refused.
 */
export function parseLog(text: string, file: string): LogLine[] {
  const rows = text.split('\n');
  const lines: LogLine[] = [];
  rows.forEach((row, i) => {
    if (row.trim() === '') return;
    const unterminated = i === rows.length - 1;
    let json: unknown;
    try {
      json = JSON.parse(row);
    } catch (error) {
      if (unterminated) return;
      throw new Error(`${file}:${i + 1}: not valid JSON (${(error as Error).message})`);
    }
    if (!isObject(json)) throw new Error(`${file}:${i + 1}: must be an object`);
    const read = new FieldReader(json, `${file}:${i + 1}`);
    const line: LogLine = {
      step: read.positiveInteger('step'),
      loss: read.number('loss'),
      bpp: read.number('bpp'),
      mse: read.positive('mse'),
      lr: read.number('lr'),
      crop: read.positiveInteger('crop'),
      seconds: read.number('seconds'),
    };
    const previous = lines.at(-1);
    // A resumed run trims its log to the checkpoint, so steps only ever go up.
    if (previous && line.step <= previous.step)
      throw new Error(`${file}:${i + 1}: step ${line.step} does not follow step ${previous.step}`);
    lines.push(line);
  });
  if (lines.length === 0) throw new Error(`${file}: holds no log lines`);
  return lines;
}

function parseBdMatrix(value: unknown, where: string): BdMatrix {
  if (value === undefined) return {};
  if (!isObject(value)) throw new Error(`${where} must be an object`);
  const out: Record<string, Record<string, number | null>> = {};
  for (const [row, anchors] of Object.entries(value)) {
    if (!isObject(anchors)) throw new Error(`${where}.${row} must be an object`);
    out[row] = {};
    for (const [anchor, v] of Object.entries(anchors)) {
      if (v !== null && (typeof v !== 'number' || !Number.isFinite(v)))
        throw new Error(`${where}.${row}.${anchor} must be a number or null`);
      out[row][anchor] = v;
    }
  }
  return out;
}

function parseKodakCodec(entry: unknown, where: string): KodakCodec {
  if (!isObject(entry) || !Array.isArray(entry.points)) throw new Error(`${where}: field "points" must be an array`);
  const read = new FieldReader(entry, where);
  const points = entry.points.map((point: unknown, i: number) => {
    if (!isObject(point)) throw new Error(`${where}.points[${i}]: must be an object`);
    const p = new FieldReader(point, `${where}.points[${i}]`);
    return {
      quality: p.number('quality'),
      bpp: p.number('bpp'),
      psnr: p.number('psnr'),
      msssim: p.numberOrNull('msssim'),
      images: p.number('images'),
      encodeSeconds: p.numberOrNull('encodeSeconds'),
      decodeSeconds: p.numberOrNull('decodeSeconds'),
    };
  });
  const qualities = Array.isArray(entry.qualities) ? entry.qualities.filter((q) => typeof q === 'number') : [];
  return {
    name: read.string('name'),
    description: typeof entry.description === 'string' ? entry.description : '',
    version: typeof entry.version === 'string' ? entry.version : '',
    qualityName: typeof entry.qualityName === 'string' ? entry.qualityName : 'quality',
    qualities,
    points,
  };
}

/** Parses the parts of kodak.json (format `lico-eval/1`) the report uses. */
export function parseKodak(text: string, file: string): KodakResults {
  const json = parseJson(text, file);
  if (!isObject(json)) throw new Error(`${file}: must be an object`);
  if (json.format !== 'lico-eval/1')
    throw new Error(`${file}: field "format" must be "lico-eval/1", not ${JSON.stringify(json.format)}`);
  if (!Array.isArray(json.codecs)) throw new Error(`${file}: field "codecs" must be an array`);
  const codecs = json.codecs.map((entry: unknown, i: number) => parseKodakCodec(entry, `${file}: codecs[${i}]`));
  const bd = isObject(json.bd) ? json.bd : {};
  return {
    date: typeof json.date === 'string' ? json.date : null,
    codecs,
    rateOnPsnr: parseBdMatrix(bd.rateOnPsnr, `${file}: bd.rateOnPsnr`),
    rateOnMsssim: parseBdMatrix(bd.rateOnMsssim, `${file}: bd.rateOnMsssim`),
  };
}

// ---------------------------------------------------------------------------------------------
// Summarizing a log

/** Each log line stands for the steps since the previous line (10, fewer after a resume or at the end). */
function stepsCovered(lines: readonly LogLine[]): number[] {
  return lines.map((line, i) => line.step - (i === 0 ? 0 : lines[i - 1].step));
}

/** Step-weighted means over some log lines; PSNR from the mean MSE, as the trainer computes each line's. */
function meanOf(lines: readonly LogLine[], weights: readonly number[]): WindowMean {
  const total = weights.reduce((s, w) => s + w, 0);
  const mean = (pick: (line: LogLine) => number) =>
    lines.reduce((s, line, i) => s + pick(line) * weights[i], 0) / total;
  return {
    step: lines[lines.length - 1].step,
    loss: mean((l) => l.loss),
    bpp: mean((l) => l.bpp),
    psnr: -10 * Math.log10(mean((l) => l.mse)),
  };
}

/** Consecutive stretches of one value of `pick`, as step ranges (a line covers the steps since the previous one). */
export function stepRanges(lines: readonly LogLine[], pick: (line: LogLine, index: number) => number): StepRange[] {
  const ranges: StepRange[] = [];
  lines.forEach((line, i) => {
    const current = ranges.at(-1);
    const value = pick(line, i);
    if (current && current.value === value) ranges[ranges.length - 1] = { ...current, last: line.step };
    else ranges.push({ value, first: i === 0 ? 1 : lines[i - 1].step + 1, last: line.step });
  });
  return ranges;
}

/** The learning rate's stretches, a warm-up (a start where each line's rate is below the next's) as one. */
export function learningRateRanges(lines: readonly LogLine[]): StepRange[] {
  let rising = 0;
  while (rising + 1 < lines.length && lines[rising].lr < lines[rising + 1].lr) rising++;
  return stepRanges(lines, (line, i) => (i < rising ? WARM_UP : line.lr));
}

/** Means over the steps 1–WINDOW_STEPS, the next WINDOW_STEPS, …: the points of the curves. */
export function windowMeans(lines: readonly LogLine[], windowSteps = WINDOW_STEPS): WindowMean[] {
  const weights = stepsCovered(lines);
  const groups = new Map<number, number[]>();
  lines.forEach((line, i) => {
    const window = Math.ceil(line.step / windowSteps);
    groups.set(window, [...(groups.get(window) ?? []), i]);
  });
  return [...groups.values()].map((indexes) =>
    meanOf(
      indexes.map((i) => lines[i]),
      indexes.map((i) => weights[i]),
    ),
  );
}

/** Means over the last `windowSteps` steps of the run (the whole run when it is shorter). */
export function finalMean(lines: readonly LogLine[], windowSteps = WINDOW_STEPS): WindowMean {
  const weights = stepsCovered(lines);
  const after = lines[lines.length - 1].step - windowSteps;
  const indexes = lines.map((_, i) => i).filter((i) => lines[i].step > after);
  return meanOf(
    indexes.map((i) => lines[i]),
    indexes.map((i) => weights[i]),
  );
}

export function summarizeRun(run: TrainingRun, lines: readonly LogLine[]): RunSummary {
  const last = lines[lines.length - 1];
  return {
    run,
    steps: last.step,
    crops: stepRanges(lines, (l) => l.crop),
    learningRates: learningRateRanges(lines),
    hours: last.seconds / 3600,
    windows: windowMeans(lines),
    final: finalMean(lines),
  };
}

// ---------------------------------------------------------------------------------------------
// Formatting

const DASH = '—';

/** A signed percentage with a true minus sign: `−36.6 %`, `+4.0 %`. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined) return DASH;
  const magnitude = Math.abs(value).toFixed(1);
  if (magnitude === '0.0') return '0.0 %';
  return `${value < 0 ? '−' : '+'}${magnitude} %`;
}

const fixed = (value: number | null, digits: number) => (value === null ? DASH : value.toFixed(digits));

/** Small learning rates as written on command lines: 1e-4, 5e-5; a warm-up as such. */
const formatLr = (lr: number) =>
  lr === WARM_UP ? 'warm-up' : lr === 0 || lr >= 0.01 ? String(lr) : lr.toExponential();

const formatRanges = (ranges: readonly StepRange[], format: (value: number) => string) =>
  ranges.map((r) => `${format(r.value)} (${r.first}–${r.last})`).join(', ');

const row = (cells: readonly string[]) => `| ${cells.join(' | ')} |`;

function runsTable(summaries: readonly RunSummary[]): string[] {
  if (summaries.length === 0) return ['No runs in the manifest yet.'];
  const header = [
    'run',
    'model',
    'N/M',
    'λ',
    'quality',
    'from',
    'steps',
    'crop (steps)',
    'learning rate (steps)',
    'compute h',
    'bpp',
    'PSNR (dB)',
    'loss',
  ];
  const lines = [
    row(header),
    row(['---', '---', '---:', '---:', '---:', '---', '---:', '---', '---', '---:', '---:', '---:', '---:']),
  ];
  for (const s of summaries) {
    lines.push(
      row([
        `**${s.run.name}**`,
        s.run.model,
        `${s.run.N}/${s.run.M}`,
        String(s.run.lambda),
        String(s.run.quality),
        s.run.init ?? DASH,
        String(s.steps),
        formatRanges(s.crops, String),
        formatRanges(s.learningRates, formatLr),
        s.hours.toFixed(1),
        s.final.bpp.toFixed(3),
        s.final.psnr.toFixed(2),
        s.final.loss.toFixed(3),
      ]),
    );
  }
  const total = summaries.reduce((sum, s) => sum + s.hours, 0);
  const notes = summaries.filter((s) => s.run.note !== null).map((s) => `- **${s.run.name}**: ${s.run.note}`);
  return [
    ...lines,
    '',
    `Total compute: **${total.toFixed(1)} h** over ${summaries.length} run${summaries.length === 1 ? '' : 's'}.`,
    ...(notes.length > 0 ? ['', ...notes] : []),
  ];
}

/** The Lico codecs of kodak.json, known ones first, then any other codec a run names. */
export function licoCodecsIn(kodak: KodakResults, runs: readonly TrainingRun[]): KodakCodec[] {
  const names = [...new Set([...LICO_CODECS, ...runs.map((r) => r.codec)])].filter(
    (name) => !REFERENCE_CODECS.includes(name),
  );
  return names.flatMap((name) => kodak.codecs.filter((c) => c.name === name));
}

/** The λ of the runs that trained this codec's quality (several runs can share one). */
function lambdaFor(runs: readonly TrainingRun[], codec: string, quality: number): string {
  const trained = SAME_WEIGHTS[codec] ?? codec;
  const lambdas = [...new Set(runs.filter((r) => r.codec === trained && r.quality === quality).map((r) => r.lambda))];
  return lambdas.length === 0 ? DASH : lambdas.join(' / ');
}

function pointsTable(codec: KodakCodec, runs: readonly TrainingRun[]): string[] {
  return [
    `**${codec.name}**${codec.description ? ` (${codec.description})` : ''}:`,
    '',
    row(['quality', 'λ', 'bpp', 'PSNR (dB)', 'MS-SSIM', 'encode s', 'decode s']),
    row(['---:', '---:', '---:', '---:', '---:', '---:', '---:']),
    ...codec.points.map((p) =>
      row([
        String(p.quality),
        lambdaFor(runs, codec.name, p.quality),
        p.bpp.toFixed(3),
        p.psnr.toFixed(2),
        fixed(p.msssim, 4),
        fixed(p.encodeSeconds, 2),
        fixed(p.decodeSeconds, 2),
      ]),
    ),
  ];
}

function bdTable(kodak: KodakResults, lico: readonly KodakCodec[]): string[] {
  const anchors = REFERENCE_CODECS.filter((name) => kodak.codecs.some((c) => c.name === name));
  if (anchors.length === 0) return ['kodak.json holds none of the reference codecs (jpeg, webp, avif, x265).'];
  const measures: readonly [string, BdMatrix][] = [
    ['PSNR', kodak.rateOnPsnr],
    ['MS-SSIM', kodak.rateOnMsssim],
  ];
  return [
    '**BD-rate** against each reference codec (negative: the Lico model needs fewer bits for the same quality;',
    '—: the curves do not overlap):',
    '',
    row(['model', 'at equal', ...anchors]),
    row(['---', '---', ...anchors.map(() => '---:')]),
    ...lico.flatMap((codec) =>
      measures.map(([label, matrix]) =>
        row([`**${codec.name}**`, label, ...anchors.map((a) => formatPercent(matrix[codec.name]?.[a]))]),
      ),
    ),
  ];
}

const yesNo = (yes: boolean) => (yes ? 'yes' : 'no');

/**
 * Whether the default model beats WebP and beats JPEG by at least 30 % (BD-rate at equal PSNR),
 * as `codec` encodes with it (`lico`, or `lico-refined`: its latents refined at encode time).
 */
export function verdictLine(kodak: KodakResults, codec = DEFAULT_CODEC): string {
  const subject = codec === DEFAULT_CODEC ? 'Default model' : 'Default model with refined latents';
  if (!kodak.codecs.some((c) => c.name === codec)) return `${subject} (\`${codec}\`): not measured on Kodak yet.`;
  const vs = (anchor: string) => kodak.rateOnPsnr[codec]?.[anchor] ?? null;
  const part = (anchor: string, label: string, claim: string, holds: (v: number) => boolean) => {
    const value = vs(anchor);
    if (!kodak.codecs.some((c) => c.name === anchor)) return `${claim}: unknown (${label} not in kodak.json)`;
    if (value === null) return `${claim}: unknown (no BD-rate against ${label}: the curves do not overlap)`;
    return `${claim}: **${yesNo(holds(value))}** (${formatPercent(value)} against ${label})`;
  };
  return [
    `${subject} (\`${codec}\`), BD-rate at equal PSNR:`,
    `${part('webp', 'WebP', 'beats WebP (BD-rate < 0)', (v) => v < 0)};`,
    `${part('jpeg', 'JPEG', 'beats JPEG by at least 30 % (BD-rate ≤ −30 %)', (v) => v <= -30)}.`,
  ].join(' ');
}

function kodakSection(kodak: KodakResults | null, runs: readonly TrainingRun[]): string[] {
  const heading = '### Kodak';
  if (kodak === null) return [heading, '', 'No kodak.json yet: the trained models are not measured on Kodak.'];
  const lico = licoCodecsIn(kodak, runs);
  const measured = kodak.date ? ` (kodak.json of ${kodak.date.slice(0, 10)})` : '';
  if (lico.length === 0)
    return [
      heading,
      '',
      `No Lico model in kodak.json yet${measured}: measure with \`npx lico eval --codecs lico --merge\` (see kodak.md).`,
      '',
      verdictLine(kodak),
    ];
  return [
    heading,
    '',
    `Kodak${measured}: every number the mean of per-image values; λ from the manifest's run with that codec and quality.`,
    '',
    ...lico.flatMap((codec) => [...pointsTable(codec, runs), '']),
    ...bdTable(kodak, lico),
    '',
    '![Kodak rate–PSNR](training-rd-psnr.svg)',
    '',
    verdictLine(kodak),
    ...(kodak.codecs.some((c) => c.name === REFINED_CODEC) ? ['', verdictLine(kodak, REFINED_CODEC)] : []),
  ];
}

/** The markdown between the markers of training.md (no markers, no trailing newline). */
export function trainingBlock(summaries: readonly RunSummary[], kodak: KodakResults | null): string {
  const runs = summaries.map((s) => s.run);
  const curves =
    summaries.length === 0
      ? []
      : [
          '',
          `Curves: each point the mean over ${WINDOW_STEPS} steps, on training crops (PSNR of the mean MSE).`,
          '',
          '![training curves](training-curves.svg)',
        ];
  return [
    '### Runs',
    '',
    `Final bpp, PSNR and loss: means over the last ${WINDOW_STEPS} steps, on training crops (not Kodak).`,
    '',
    ...runsTable(summaries),
    ...curves,
    '',
    ...kodakSection(kodak, runs),
  ].join('\n');
}

/** The intro of a new training.md: how to regenerate it and the manifest's format. */
export function trainingIntro(): string {
  return [
    '# Training runs and trained models',
    '',
    `Regenerate with \`${RUN_COMMAND}\``,
    '(reads `training/runs.json`, the logs it names and `kodak.json`; writes `training-curves.svg/.png`,',
    '`training-rd-psnr.svg/.png` and the block between the markers below; the rest of this file is',
    'kept as written).',
    '',
    '`training/runs.json` is edited by hand: `{ "runs": [ … ] }`, one entry per training run:',
    '',
    '| field | meaning |',
    '|---|---|',
    '| `name` | the run (unique) |',
    '| `model` | the architecture, e.g. `lico-checkerboard-gmm`, `bmshj2018-hyperprior` |',
    '| `N`, `M` | channel counts |',
    '| `lambda` | the rate–distortion λ |',
    '| `quality` | the rate point (CompressAI numbering) |',
    "| `log` | the trainer's log.jsonl, copied into `training/` (path relative to it) |",
    '| `init` | the name of the run it was fine-tuned from, or `null` |',
    "| `codec` | the `lico eval` codec whose Kodak points are this model's (`lico`, `bmshj2018-hyperprior`) |",
    '| `note` | optional free text |',
  ].join('\n');
}

/**
 * training.md with `block` between the markers: a new file when `existing` is null; otherwise only
 * the text between the markers changes (the markers and a missing block are appended at the end).
 */
export function replaceBlock(existing: string | null, block: string, file: string): string {
  const wrapped = `${BLOCK_BEGIN}\n${block}\n${BLOCK_END}`;
  if (existing === null) return `${trainingIntro()}\n\n${wrapped}\n`;
  const begin = existing.indexOf(BLOCK_BEGIN);
  const end = existing.indexOf(BLOCK_END);
  if (begin === -1 && end === -1) return `${existing}${existing.endsWith('\n') ? '' : '\n'}\n${wrapped}\n`;
  if (begin === -1 || end === -1 || end < begin || existing.indexOf(BLOCK_BEGIN, begin + 1) !== -1)
    throw new Error(`${file}: needs one ${BLOCK_BEGIN} followed by one ${BLOCK_END}`);
  return existing.slice(0, begin) + wrapped + existing.slice(end + BLOCK_END.length);
}

// ---------------------------------------------------------------------------------------------
// The curves

const PANELS: readonly { field: 'loss' | 'bpp' | 'psnr'; title: string; log: boolean }[] = [
  // The first window's loss is an order of magnitude above the rest: a log axis keeps both readable.
  { field: 'loss', title: 'loss (training crops)', log: true },
  { field: 'bpp', title: 'bpp (training crops)', log: false },
  { field: 'psnr', title: 'PSNR (dB, training crops)', log: false },
];

/** Three panels (loss, bpp, PSNR) against step, one line per run, independent y scales. */
export function curvesSpec(summaries: readonly RunSummary[]): TopLevelSpec {
  const values = summaries.flatMap((s) =>
    s.windows.map((w) => ({ run: s.run.name, step: w.step, loss: w.loss, bpp: w.bpp, psnr: w.psnr })),
  );
  const runs = summaries.map((s) => s.run.name);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v5.json',
    title: `Training runs: means over ${WINDOW_STEPS} steps`,
    data: { values },
    hconcat: PANELS.map((panel) => ({
      width: 300,
      height: 240,
      title: panel.title,
      mark: { type: 'line', strokeWidth: 1.5 },
      encoding: {
        x: { field: 'step', type: 'quantitative', title: 'step' },
        y: {
          field: panel.field,
          type: 'quantitative',
          title: null,
          scale: panel.log ? { type: 'log' } : { zero: false },
        },
        color: { field: 'run', type: 'nominal', title: 'run', sort: runs },
        order: { field: 'step', type: 'quantitative' },
      },
    })),
    resolve: { scale: { y: 'independent' } },
    config: { font: 'sans-serif', background: 'white' },
  };
}
