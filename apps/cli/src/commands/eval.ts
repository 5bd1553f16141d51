import { cpus } from 'node:os';
import { basename, resolve } from 'node:path';
import { isLicoError } from '@lico/core';
import { SingleBar } from 'cli-progress';
import { Command, InvalidArgumentError, Option } from 'commander';
import { createEvalCodec, evalCodecNames } from '../eval/codec-registry.js';
import { listDataset } from '../eval/dataset-images.js';
import { type EvalReport, evalMarkdown, jsonSummary } from '../eval/eval-report.js';
import { existingFiles, resultFileNames } from '../eval/output-files.js';
import { buildReport, mergeRuns, readReport, writeResultSet } from '../eval/result-set.js';
import { type EvalProgress, type RunEvalResult, runEval } from '../eval/run-eval.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { integerIn } from '../option-parsers.js';

function codecList(text: string): string[] {
  const names = text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError('--codecs needs at least one codec.');
  for (const name of names)
    if (!evalCodecNames().includes(name))
      throw new InvalidArgumentError(`unknown codec '${name}'; choose from ${evalCodecNames().join(', ')}.`);
  if (new Set(names).size !== names.length) throw new InvalidArgumentError('--codecs lists a codec twice.');
  return names;
}

/** `--qualities 10,20` (every codec) or `--qualities jpeg:10,20` (one codec); repeatable. */
function qualityList(text: string, previous: [string, number[]][] = []): [string, number[]][] {
  const match = text.match(/^(?:([\w-]+):)?([^:]+)$/);
  const values = (match?.[2] ?? '').split(',').map((s) => Number(s.trim()));
  if (!match || values.length === 0 || values.some((v) => !Number.isFinite(v)))
    throw new InvalidArgumentError(
      `--qualities takes numbers (10,20,30) or codec:numbers (jpeg:10,20); got '${text}'.`,
    );
  return [...previous, [match[1] ?? '*', values]];
}

const NAME = /^[\w.-]+$/;

/** A bar on a terminal; otherwise a line about every 5 % of the encodes. */
function progressReporter(io: CliIo) {
  const label = (p: EvalProgress) =>
    `${p.record.codec} q=${p.record.quality} ${p.record.image}: ${p.record.bpp.toFixed(3)} bpp, ${p.record.psnr.toFixed(2)} dB`;
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: 'eval {value}/{total} [{bar}] {status}', hideCursor: true }, undefined);
    let started = false;
    return {
      start(total: number) {
        bar.start(total, 0, { status: '' });
        started = true;
      },
      step: (p: EvalProgress) => bar.update(p.done, { status: label(p) }),
      stop: () => {
        if (started) bar.stop();
        started = false;
      },
    };
  }
  let every = 1;
  return {
    start(total: number) {
      every = Math.max(1, Math.round(total / 20));
      io.progress(`eval: ${total} encodes`);
    },
    step: (p: EvalProgress) => {
      if (p.done % every === 0 || p.done === p.total) io.progress(`eval ${p.done}/${p.total} | ${label(p)}`);
    },
    stop: () => {},
  };
}

/** `lico eval`: codecs over a dataset, rate-distortion results, BD-rate tables and plots. */
export function evalCommand(io: CliIo): Command {
  const command = new Command('eval')
    .description(
      'encode a dataset with each codec over a quality sweep; bpp from file sizes, PSNR, MS-SSIM, BD-rate tables, RD plots',
    )
    .requiredOption('--dataset <dir>', 'directory of 8-bit RGB PNG, JPEG or WebP images')
    .addOption(
      new Option('--codecs <list>', `comma-separated codecs: ${evalCodecNames().join(', ')}`)
        .argParser(codecList)
        .makeOptionMandatory(),
    )
    .option('--out <dir>', 'directory for the result files', 'eval-results')
    .option('--name <name>', 'result set name: NAME.json, NAME.csv, NAME.md, NAME-psnr.svg, …', 'results')
    .option(
      '--qualities <list>',
      "qualities to sweep instead of the defaults: '10,20,30' for every codec or 'jpeg:10,20,30' for one (repeatable)",
      qualityList,
    )
    .addOption(new Option('--images <n>', 'only the first n images (by name)').argParser(integerIn('--images', 1)))
    .addOption(
      new Option('--jobs <n>', 'encodes at once')
        .default(Math.min(2, cpus().length))
        .argParser(integerIn('--jobs', 1, Math.max(2, cpus().length))),
    )
    .addOption(
      new Option('--timeout <seconds>', 'time limit of each encoder or decoder call')
        .default(120)
        .argParser(integerIn('--timeout', 1, 86_400)),
    )
    .option('--force', 'overwrite an existing result set')
    .option(
      '--merge',
      "keep the earlier NAME.json's other codecs, and a re-run codec's other points while their weights are unchanged (same images)",
    )
    .option('--json', 'print the summary as one JSON line')
    .action(async (options) => {
      const refuse = (message: string) => {
        io.progress(message);
        io.setExitCode(ExitCode.usage);
      };
      const names: string[] = options.codecs;
      if (!NAME.test(options.name))
        return refuse(`--name must be letters, digits, '.', '_' or '-'; got '${options.name}'.`);
      const qualities = new Map<string, number[]>();
      for (const [codec, values] of (options.qualities ?? []) as [string, number[]][]) {
        if (codec !== '*' && !names.includes(codec))
          return refuse(`--qualities names '${codec}', which is not in --codecs (${names.join(', ')}).`);
        for (const name of codec === '*' ? names : [codec]) qualities.set(name, values);
      }
      const out = resolve(options.out);
      const existing = existingFiles(out, Object.values(resultFileNames(options.name)));
      if (existing.length > 0 && !options.force && !options.merge)
        return refuse(
          `${out} already has ${existing.join(', ')}; pass --force to overwrite them or --merge to add codecs.`,
        );

      const images = await listDataset(options.dataset, options.images).catch((error: unknown) => {
        if (isLicoError(error, 'LICO_INVALID_ARGUMENT')) return refuse(error.message);
        throw error;
      });
      if (!images) return;
      const imageNames = images.map((path) => basename(path));
      let earlier: EvalReport | undefined;
      if (options.merge) {
        try {
          earlier = await readReport(out, options.name);
          mergeRuns(earlier, imageNames, [], []);
        } catch (error) {
          if (isLicoError(error, 'LICO_INVALID_ARGUMENT')) return refuse(error.message);
          throw error;
        }
      }
      const codecs = await Promise.all(
        names.map((name) => createEvalCodec(name, { timeoutMs: options.timeout * 1000 })),
      );
      for (const codec of codecs)
        for (const quality of qualities.get(codec.name) ?? codec.defaultQualities) {
          try {
            codec.checkQuality?.(quality);
          } catch (error) {
            if (isLicoError(error, 'LICO_INVALID_ARGUMENT')) return refuse(`--qualities: ${error.message}`);
            throw error;
          }
        }
      const reporter = progressReporter(io);
      // Ctrl-C: start no more encodes, let the running ones end, remove the temporary files.
      const stop = new AbortController();
      const onSignal = () => {
        if (stop.signal.aborted) process.exit(ExitCode.failure);
        io.progress('stopping after the running encodes (nothing is written); send again to kill');
        stop.abort(new Error('stopped by a signal'));
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      let run: RunEvalResult;
      try {
        run = await runEval({
          images,
          codecs,
          qualities,
          jobs: options.jobs,
          signal: stop.signal,
          onStart: (total) => reporter.start(total),
          onProgress: (p) => reporter.step(p),
        });
      } catch (error) {
        if (!stop.signal.aborted) throw error;
        io.progress('stopped: no results written');
        return io.setExitCode(ExitCode.failure);
      } finally {
        reporter.stop();
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
      if (run.tooSmallForMsSsim.length > 0)
        io.progress(`MS-SSIM needs 161 pixels per side; not computed (null) for ${run.tooSmallForMsSsim.join(', ')}`);
      const merged = earlier ? mergeRuns(earlier, imageNames, run.codecs, run.records) : run;
      const report = buildReport(options.dataset, imageNames, merged.codecs, merged.records);
      const written = await writeResultSet(report, out, options.name);
      io.out(
        options.json
          ? JSON.stringify(jsonSummary(report, out, written))
          : `${evalMarkdown(report, resultFileNames(options.name))}\n\nwrote ${written.join(', ')} to ${out}`,
      );
      io.setExitCode(ExitCode.ok);
    });
  return command;
}
