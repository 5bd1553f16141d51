import { TRAIN_ARCHS, type TrainArch, type TrainStatus, trainRun } from '@lico/train';
import { SingleBar } from 'cli-progress';
import { Command, Option } from 'commander';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { integerIn, positiveNumber } from '../option-parsers.js';

const duration = (seconds: number) =>
  seconds >= 3600
    ? `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`
    : `${Math.floor(seconds / 60)}m${String(Math.floor(seconds % 60)).padStart(2, '0')}s`;

/** Shows a progress bar on a terminal, and a line every 50 steps otherwise (logs, CI). */
function progressReporter(io: CliIo) {
  const format = (s: TrainStatus) =>
    `loss ${s.loss.toFixed(3)} | ${s.bpp.toFixed(3)} bpp | ${s.psnr.toFixed(2)} dB | ${s.imagesPerSecond.toFixed(1)} img/s | ETA ${duration(s.etaSeconds)}`;
  if (process.stderr.isTTY) {
    const bar = new SingleBar({ format: 'step {value}/{total} [{bar}] {status}', hideCursor: true }, undefined);
    let started = false;
    return {
      step(s: TrainStatus) {
        if (!started) bar.start(s.steps, s.step - 1, { status: '' });
        started = true;
        bar.update(s.step, { status: format(s) });
      },
      stop: () => started && bar.stop(),
    };
  }
  return {
    step: (s: TrainStatus) => {
      if (s.step % 50 === 0 || s.step === s.steps) io.progress(`step ${s.step}/${s.steps} | ${format(s)}`);
    },
    stop: () => {},
  };
}

/** `lico train`: trains a model on random crops of the training images, with checkpoints and resume. */
export function trainCommand(io: CliIo): Command {
  return new Command('train')
    .description(
      'train a codec (λ·255²·MSE + bpp) with checkpoints; Ctrl-C stops after a checkpoint, --resume continues',
    )
    .addOption(new Option('--arch <name>', 'architecture').choices([...TRAIN_ARCHS]).makeOptionMandatory())
    .addOption(
      new Option('--lambda <λ>', 'rate-distortion trade-off')
        .argParser(positiveNumber('--lambda'))
        .makeOptionMandatory(),
    )
    .addOption(
      new Option('--steps <n>', 'total training steps').argParser(integerIn('--steps', 1)).makeOptionMandatory(),
    )
    .addOption(
      new Option(
        '--minutes <m>',
        'end the run after m minutes of this call (checkpoint and weights, as at --steps)',
      ).argParser(positiveNumber('--minutes')),
    )
    .requiredOption('--out <dir>', 'run directory: checkpoint.safetensors, log.jsonl, weights.safetensors')
    .option('--resume', 'continue the run in --out from its last checkpoint')
    .option('--init <weights>', 'start from the matching parameters of another model (safetensors)')
    .addOption(new Option('--N <n>', 'channels of the transforms and of z').default(128).argParser(integerIn('--N', 1)))
    .addOption(new Option('--M <n>', 'channels of y').default(192).argParser(integerIn('--M', 1)))
    .addOption(new Option('--batch <n>', 'crops per step').default(8).argParser(integerIn('--batch', 1)))
    .addOption(new Option('--crop <px>', 'crop side').default(256).argParser(integerIn('--crop', 16)))
    .addOption(new Option('--lr <rate>', 'Adam learning rate').default(1e-4).argParser(positiveNumber('--lr')))
    .option('--lr-milestones <steps>', 'steps at which the learning rate is divided by 10 (comma-separated)', '')
    .addOption(
      new Option('--lr-warmup <steps>', 'first steps over which the learning rate rises linearly (for --init)')
        .default(0)
        .argParser(integerIn('--lr-warmup', 0)),
    )
    .addOption(
      new Option('--seed <n>', 'seed of the initialization, crops and noise')
        .default(1)
        .argParser(integerIn('--seed', 0)),
    )
    .addOption(
      new Option('--checkpoint-every <n>', 'steps between checkpoints')
        .default(100)
        .argParser(integerIn('--checkpoint-every', 1)),
    )
    .option('--data <dir>', 'training images (default: ../shared/data/train)')
    .option('--backend <name>', 'native or js', 'native')
    .option('--json', 'print the summary as one JSON line')
    .action(async (options) => {
      const milestones = String(options.lrMilestones)
        .split(',')
        .filter(Boolean)
        .map((s: string) => integerIn('--lr-milestones', 1)(s));
      let stopRequested = false;
      const stop = () => {
        if (!stopRequested) io.progress('stopping after this step (a checkpoint is written); send again to kill');
        else process.exit(ExitCode.failure);
        stopRequested = true;
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
      const reporter = progressReporter(io);
      try {
        const summary = await trainRun({
          arch: options.arch as TrainArch,
          N: options.N,
          M: options.M,
          lambda: options.lambda,
          steps: options.steps,
          timeLimitSeconds: options.minutes === undefined ? undefined : options.minutes * 60,
          out: options.out,
          resume: options.resume ?? false,
          init: options.init,
          batch: options.batch,
          crop: options.crop,
          learningRate: options.lr,
          milestones,
          warmupSteps: options.lrWarmup,
          seed: options.seed,
          checkpointEvery: options.checkpointEvery,
          data: options.data,
          backend: options.backend,
          onStep: (status) => reporter.step(status),
          shouldStop: () => stopRequested,
        });
        reporter.stop();
        const text = summary.stopped
          ? `stopped at step ${summary.step}; continue with --resume`
          : summary.step < options.steps
            ? `time limit: ${summary.step} steps in ${duration(summary.seconds)}; weights in ${summary.weights}; --resume continues`
            : `done: ${summary.step} steps in ${duration(summary.seconds)}; weights in ${summary.weights}`;
        io.out(options.json ? JSON.stringify(summary) : text);
        io.setExitCode(ExitCode.ok);
      } finally {
        reporter.stop();
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
      }
    });
}
