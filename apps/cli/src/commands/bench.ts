import { benchTrain, setTrainBackend, TRAIN_BENCH_ARCHS } from '@lico/train';
import { Command, InvalidArgumentError, Option } from 'commander';
import { BACKEND_NAMES } from '../backends.js';
import { runEntropyBench } from '../bench/entropy-bench.js';
import { ENTROPY_MODELS, type EntropyModelName, runEntropyModelsBench } from '../bench/entropy-models-bench.js';
import { entropyModelsMarkdown } from '../bench/entropy-models-report.js';
import { entropyMarkdown } from '../bench/entropy-report.js';
import { runQuantizersBench } from '../bench/quantizers-bench.js';
import { quantizersMarkdown, quantizersPlot } from '../bench/quantizers-report.js';
import { writeResultFile, writeResults } from '../bench/results-files.js';
import { trainMarkdown } from '../bench/train-report.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { listOf, positiveInteger } from '../option-parsers.js';
import { benchTransformsCommand } from './bench-transforms.js';

const backendList = listOf<string>('backend', BACKEND_NAMES);
const modelList = listOf<EntropyModelName>('model', ENTROPY_MODELS);

/** `lico bench …`: benchmarks that write docs/results/. */
export function benchCommand(io: CliIo): Command {
  const bench = new Command('bench').description('measure speed and compression; results go to docs/results/');
  bench
    .command('entropy')
    .description('rANS encode/decode speed per backend and overhead against the ideal code length')
    .addOption(
      new Option('--symbols <n>', 'symbols to code')
        .default(10_000_000)
        .argParser(positiveInteger('--symbols', 2 ** 30)),
    )
    .addOption(
      new Option('--lanes <n>', 'interleaved rANS lanes').default(64).argParser(positiveInteger('--lanes', 4096)),
    )
    .addOption(
      new Option('--repeats <n>', 'timed runs per measurement (median)')
        .default(3)
        .argParser(positiveInteger('--repeats', 100)),
    )
    .addOption(
      new Option('--backends <list>', 'comma-separated backends')
        .default([...BACKEND_NAMES], BACKEND_NAMES.join(','))
        .argParser(backendList),
    )
    .option('--tables <file>', 'CDF table fixture (default: fixtures/tables/bmshj2018-factorized.json)')
    .option('--out <dir>', 'directory for entropy.json and entropy.md', 'docs/results')
    .option('--no-write', 'do not write result files')
    .option('--json', 'print one JSON object on one line')
    .action(async (options) => {
      const result = await runEntropyBench({
        symbols: options.symbols,
        lanes: options.lanes,
        repeats: options.repeats,
        backends: options.backends,
        tables: options.tables,
        onProgress: (message) => io.progress(message),
      });
      if (options.write) await writeResults(options.out, 'entropy', result, entropyMarkdown(result));
      if (options.json) io.out(JSON.stringify(result));
      else io.out(entropyMarkdown(result));
      const failed = Object.values(result.backends).some((r) => 'error' in r);
      io.setExitCode(failed ? ExitCode.backendUnavailable : ExitCode.ok);
    });
  bench
    .command('quantizers')
    .description(
      'rate-distortion of uniform vs 4/8-state TCQ on Gaussian and Laplacian sources, and TCQ speed per backend',
    )
    .addOption(
      new Option('--samples <n>', 'samples per source and sweep point')
        .default(1_000_000)
        .argParser(positiveInteger('--samples', 2 ** 26)),
    )
    .addOption(
      new Option('--repeats <n>', 'timed runs per backend (median)')
        .default(5)
        .argParser(positiveInteger('--repeats', 100)),
    )
    .addOption(
      new Option('--backends <list>', 'comma-separated backends to time (the sweeps run on the best available)')
        .default([...BACKEND_NAMES], BACKEND_NAMES.join(','))
        .argParser(backendList),
    )
    .option('--out <dir>', 'directory for quantizers.json, quantizers.md and quantizers.svg', 'docs/results')
    .option('--no-write', 'do not write result files')
    .option('--json', 'print one JSON object on one line')
    .action(async (options) => {
      const result = await runQuantizersBench({
        samples: options.samples,
        repeats: options.repeats,
        backends: options.backends,
        onProgress: (message) => io.progress(message),
      });
      if (options.write) {
        await writeResults(options.out, 'quantizers', result, quantizersMarkdown(result));
        await writeResultFile(options.out, 'quantizers.svg', await quantizersPlot(result));
      }
      io.out(options.json ? JSON.stringify(result) : quantizersMarkdown(result));
      const failed = Object.values(result.backends).some((r) => 'error' in r);
      io.setExitCode(failed ? ExitCode.backendUnavailable : ExitCode.ok);
    });
  bench
    .command('entropy-models')
    .description('per entropy model: parameters + coding time per backend, stream hash, bits against the likelihood')
    .addOption(new Option('--width <n>', 'image width').default(768).argParser(positiveInteger('--width', 8192)))
    .addOption(new Option('--height <n>', 'image height').default(512).argParser(positiveInteger('--height', 8192)))
    .addOption(new Option('--N <n>', 'channels of z').default(128).argParser(positiveInteger('--N', 1024)))
    .addOption(new Option('--M <n>', 'channels of y').default(192).argParser(positiveInteger('--M', 1024)))
    .addOption(
      new Option('--repeats <n>', 'timed runs per measurement (median)')
        .default(1)
        .argParser(positiveInteger('--repeats', 100)),
    )
    .addOption(
      new Option('--backends <list>', 'comma-separated backends')
        .default([...BACKEND_NAMES], BACKEND_NAMES.join(','))
        .argParser(backendList),
    )
    .addOption(
      new Option('--models <list>', 'comma-separated models')
        .default([...ENTROPY_MODELS], ENTROPY_MODELS.join(','))
        .argParser(modelList),
    )
    .option('--out <dir>', 'directory for entropy-models.json and entropy-models.md', 'docs/results')
    .option('--no-write', 'do not write result files')
    .option('--json', 'print one JSON object on one line')
    .action(async (options) => {
      const result = await runEntropyModelsBench({
        width: options.width,
        height: options.height,
        n: options.N,
        m: options.M,
        repeats: options.repeats,
        backends: options.backends,
        models: options.models,
        onProgress: (message) => io.progress(message),
      });
      if (options.write) await writeResults(options.out, 'entropy-models', result, entropyModelsMarkdown(result));
      io.out(options.json ? JSON.stringify(result) : entropyModelsMarkdown(result));
      const failed = Object.values(result.models).some((m) => Object.values(m.backends).some((r) => 'error' in r));
      io.setExitCode(failed ? ExitCode.backendUnavailable : ExitCode.ok);
    });
  bench
    .command('train')
    .description('seconds per training step (forward, backward, Adam) of a reference model, batch of random crops')
    .addOption(
      new Option('--arch <id>', 'model (CompressAI id)').default(TRAIN_BENCH_ARCHS[0]).choices(TRAIN_BENCH_ARCHS),
    )
    .addOption(
      new Option('--N <n>', 'channels of the hidden layers and z').default(128).argParser(positiveInteger('--N', 1024)),
    )
    .addOption(new Option('--M <n>', 'channels of y').default(192).argParser(positiveInteger('--M', 1024)))
    .addOption(new Option('--batch <n>', 'images per batch').default(8).argParser(positiveInteger('--batch', 256)))
    .addOption(
      new Option('--crop <n>', 'side of the square crops, a multiple of 64').default(256).argParser(multipleOf64),
    )
    .addOption(new Option('--steps <n>', 'timed steps (median)').default(5).argParser(positiveInteger('--steps', 1000)))
    .addOption(new Option('--warmup <n>', 'untimed steps first').default(2).argParser(nonNegativeInteger('--warmup')))
    .addOption(new Option('--backend <name>', 'backend to train on').default('native').choices(['native', 'js']))
    .option('--data <dir>', 'crop batches from the images in this directory (default: seeded noise)')
    .option('--profile', 'time every kernel and backward pass')
    .option('--json', 'print one JSON object on one line')
    .action(async (options) => {
      await setTrainBackend(options.backend);
      const result = await benchTrain({
        arch: options.arch,
        N: options.N,
        M: options.M,
        batch: options.batch,
        crop: options.crop,
        steps: options.steps,
        warmup: options.warmup,
        data: options.data,
        profile: Boolean(options.profile),
        onProgress: (message) => io.progress(message),
      });
      io.out(options.json ? JSON.stringify(result) : trainMarkdown(result));
      io.setExitCode(ExitCode.ok);
    });
  bench.addCommand(benchTransformsCommand(io));
  return bench;
}

function multipleOf64(text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 64 || value % 64 !== 0 || value > 8192) {
    throw new InvalidArgumentError('--crop must be a multiple of 64 from 64 to 8192.');
  }
  return value;
}

function nonNegativeInteger(name: string) {
  return (text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 0 || value > 1000) {
      throw new InvalidArgumentError(`${name} must be an integer from 0 to 1000.`);
    }
    return value;
  };
}
