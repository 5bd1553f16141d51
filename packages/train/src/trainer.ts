import { existsSync } from 'node:fs';
import { appendFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BackendName, invalidArgument, LicoError, seededRandom } from '@lico/core';
import { writeFileAtomically } from '@lico/core/node';
import { loadModel, readSafetensors, WEIGHTS_FORMAT, WEIGHTS_FORMAT_VERSION, writeSafetensors } from '@lico/models';
import { type CheckpointState, encodeCheckpoint, restoreCheckpoint } from './checkpoint.js';
import { defaultTrainDirectory, ImageCropLoader } from './data.js';
import { setTrainBackend } from './engine.js';
import { CheckerboardGmm } from './models/checkerboard-gmm.js';
import { ScaleHyperprior, type TrainableModel, type TrainingQuantization } from './models/scale-hyperprior.js';
import { Adam, linearWarmup, multiStepSchedule } from './optim.js';
import { trainStep } from './train-step.js';

/** Architectures `lico train` trains. */
export const TRAIN_ARCHS = [ScaleHyperprior.id, CheckerboardGmm.id] as const;
export type TrainArch = (typeof TRAIN_ARCHS)[number];

/** Options of {@link trainRun}. */
export interface TrainRunOptions {
  readonly arch: TrainArch;
  readonly N: number;
  readonly M: number;
  /** λ of the loss λ·255²·MSE + bpp. */
  readonly lambda: number;
  /** Total steps of the run (a resumed run continues up to this). */
  readonly steps: number;
  /**
   * Wall-clock seconds this call may train: the first step that ends past them ends the run as
   * if it had reached `steps` (checkpoint and weights); a later `resume` goes on from there.
   */
  readonly timeLimitSeconds?: number;
  /** The run's directory: checkpoint.safetensors, log.jsonl, weights.safetensors. */
  readonly out: string;
  /** Continue from out/checkpoint.safetensors. */
  readonly resume?: boolean;
  /** Start from the parameters of another model (those whose names and shapes match). */
  readonly init?: string;
  readonly batch?: number;
  readonly crop?: number;
  /** 1e-4, multiplied by 0.1 at each milestone step. */
  readonly learningRate?: number;
  readonly milestones?: readonly number[];
  /**
   * Steps over which the learning rate rises linearly to its value (0, none): for a run that
   * starts from trained weights (`init`), whose Adam moments start at zero. Counted from the
   * run's first step, so a resumed run past them is not affected.
   */
  readonly warmupSteps?: number;
  readonly seed?: number;
  readonly quantization?: TrainingQuantization;
  /** Steps between checkpoints: 100. */
  readonly checkpointEvery?: number;
  /** Steps between log lines: 10. */
  readonly logEvery?: number;
  readonly data?: string;
  readonly backend?: string;
  /** Called after every step. */
  readonly onStep?: (status: TrainStatus) => void;
  /** Returns true to stop after the current step (a checkpoint is written). */
  readonly shouldStop?: () => boolean;
}

/** Where a run stands, after a step. */
export interface TrainStatus {
  readonly step: number;
  readonly steps: number;
  readonly loss: number;
  readonly bpp: number;
  readonly psnr: number;
  readonly imagesPerSecond: number;
  /** Seconds left: to `steps` at the current speed, or to the time limit if that comes first. */
  readonly etaSeconds: number;
}

/** What a finished (or stopped) run leaves. */
export interface TrainRunSummary {
  readonly step: number;
  readonly seconds: number;
  readonly weights?: string;
  readonly stopped: boolean;
}

/** The training form of an architecture `lico train` knows (`LICO_UNSUPPORTED_MODEL` for others). */
export function makeModel(
  arch: string,
  N: number,
  M: number,
  options: { readonly seed?: number; readonly frozen?: boolean } = {},
): TrainableModel {
  if (arch === ScaleHyperprior.id) return new ScaleHyperprior({ N, M }, options);
  if (arch === CheckerboardGmm.id) return new CheckerboardGmm({ N, M }, options);
  throw new LicoError('LICO_UNSUPPORTED_MODEL', `lico train knows ${TRAIN_ARCHS.join(', ')}; not '${arch}'`);
}

/** Copies the parameters of `path` whose names and shapes match; returns how many did. */
async function initializeFrom(model: TrainableModel, path: string): Promise<number> {
  const { tensors } = readSafetensors(new Uint8Array(await readFile(path)));
  let copied = 0;
  for (const [name, own] of model.parameters.stateDict()) {
    const other = tensors.get(name);
    if (other && other.data instanceof Float32Array && other.shape.join() === own.shape.join()) {
      own.data.set(other.data);
      copied++;
    }
  }
  if (copied === 0) throw new LicoError('LICO_WEIGHTS_MISMATCH', `${path} has no parameter of this architecture`);
  return copied;
}

/**
 * A training run of CompressAI's recipe (Adam, λ·255²·MSE + bpp, the auxiliary loss of the
 * entropy bottleneck) on random crops of the training images: checkpoints every
 * `checkpointEvery` steps (and when stopped), one JSON line of metrics every `logEvery` steps,
 * and at the end `weights.safetensors`: a Lico weights file (`@lico/models`' `loadModel` reads
 * it) with the integer parameter networks calibrated on the calibration crops. A killed run resumes from its last checkpoint with the same crops it would have seen.
 */
export async function trainRun(options: TrainRunOptions): Promise<TrainRunSummary> {
  const { arch, N, M, lambda, steps, out } = options;
  if (!(lambda > 0)) invalidArgument('lambda', 'a positive number', lambda);
  if (!Number.isInteger(steps) || steps < 1) invalidArgument('steps', 'a positive integer', steps);
  const { timeLimitSeconds } = options;
  if (timeLimitSeconds !== undefined && !(timeLimitSeconds >= 0))
    invalidArgument('timeLimitSeconds', 'a number of seconds ≥ 0', timeLimitSeconds);
  const warmupSteps = options.warmupSteps ?? 0;
  if (!Number.isInteger(warmupSteps) || warmupSteps < 0) invalidArgument('warmupSteps', 'an integer ≥ 0', warmupSteps);
  const deadline = performance.now() + (timeLimitSeconds ?? Number.POSITIVE_INFINITY) * 1000;
  const seed = options.seed ?? 1;
  const batch = options.batch ?? 8;
  const crop = options.crop ?? 256;
  const checkpointEvery = options.checkpointEvery ?? 100;
  const logEvery = options.logEvery ?? 10;
  await setTrainBackend(options.backend ?? 'native');
  await mkdir(out, { recursive: true });
  const checkpointPath = join(out, 'checkpoint.safetensors');
  const logPath = join(out, 'log.jsonl');
  const model = makeModel(arch, N, M, { seed });
  const schedule = linearWarmup(multiStepSchedule(options.learningRate ?? 1e-4, options.milestones ?? []), warmupSteps);
  const optimizers = {
    // CompressAI's train.py clips the main gradients' norm at 1.
    main: new Adam(model.parameters.group('main'), { learningRate: schedule, maxGradNorm: 1 }),
    aux: new Adam(model.parameters.group('aux'), { learningRate: 1e-3 }),
  };
  const identity = { arch, N, M, lambda, seed };
  let state: CheckpointState = { ...identity, step: 0, seconds: 0 };
  if (existsSync(checkpointPath)) {
    if (!options.resume) {
      throw new LicoError('LICO_INVALID_ARGUMENT', `${out} holds a run already: pass --resume to continue it`);
    }
    state = restoreCheckpoint(new Uint8Array(await readFile(checkpointPath)), model.parameters, optimizers, identity);
    await trimLog(logPath, state.step);
  } else if (options.init) {
    await initializeFrom(model, options.init);
  }
  const loader = await ImageCropLoader.open({
    directory: options.data ?? defaultTrainDirectory(),
    batch,
    crop,
    seed,
    first: state.step,
  });
  const save = async (step: number, seconds: number) => {
    state = { ...identity, step, seconds };
    await writeFileAtomically(checkpointPath, encodeCheckpoint(model.parameters, optimizers, state));
  };
  let stopped = false;
  let seconds = state.seconds;
  let window = { loss: 0, bpp: 0, mse: 0, aux: 0, count: 0, started: performance.now() };
  try {
    for (let step = state.step + 1; step <= steps; step++) {
      const started = performance.now();
      const x = await loader.next();
      const result = trainStep(model, x, optimizers, {
        lambda,
        random: seededRandom(seed * 7919 + step),
        quantization: options.quantization ?? 'mixed',
      });
      const elapsed = (performance.now() - started) / 1000;
      seconds += elapsed;
      window = {
        ...window,
        loss: window.loss + result.loss,
        bpp: window.bpp + result.bpp,
        mse: window.mse + (result.mse ?? 0),
        aux: window.aux + (result.auxLoss ?? 0),
        count: window.count + 1,
      };
      const now = performance.now();
      const last = step === steps || now >= deadline;
      const imagesPerSecond = batch / elapsed;
      options.onStep?.({
        step,
        steps,
        loss: result.loss,
        bpp: result.bpp,
        psnr: result.psnr ?? 0,
        imagesPerSecond,
        etaSeconds: Math.min(((steps - step) * batch) / imagesPerSecond, Math.max(0, deadline - now) / 1000),
      });
      if (step % logEvery === 0 || last) {
        const n = window.count;
        const mse = window.mse / n;
        const line = {
          step,
          loss: window.loss / n,
          bpp: window.bpp / n,
          mse,
          psnr: -10 * Math.log10(mse),
          aux: window.aux / n,
          lr: result.learningRate,
          crop,
          secondsPerStep: (performance.now() - window.started) / 1000 / n,
          seconds,
          time: new Date().toISOString(),
        };
        await appendFile(logPath, `${JSON.stringify(line)}\n`);
        window = { loss: 0, bpp: 0, mse: 0, aux: 0, count: 0, started: performance.now() };
      }
      const stop = options.shouldStop?.() ?? false;
      if (step % checkpointEvery === 0 || last || stop) await save(step, seconds);
      if (last) break;
      if (stop) {
        stopped = true;
        break;
      }
    }
  } finally {
    loader.close();
  }
  if (stopped) return { step: state.step, seconds, stopped };
  // The parameters as a Lico weights file; loading it calibrates the integer parameter networks,
  // which the saved file then carries, so that every encoder and decoder uses the same integers.
  const metadata = {
    format: WEIGHTS_FORMAT,
    format_version: WEIGHTS_FORMAT_VERSION,
    architecture: arch,
    N: String(N),
    M: String(M),
    lambda: String(lambda),
  };
  const trained = await loadModel(writeSafetensors(model.parameters.stateDict(), metadata), {
    backend: (options.backend ?? 'native') as BackendName,
  });
  const weightsPath = join(out, 'weights.safetensors');
  await writeFileAtomically(weightsPath, trained.toSafetensors());
  await trained.dispose();
  return { step: state.step, seconds, weights: weightsPath, stopped };
}

/** Drops log lines after `step` (a resumed run logs those steps again). */
async function trimLog(path: string, step: number): Promise<void> {
  if (!existsSync(path)) return;
  const lines = (await readFile(path, 'utf8')).split('\n').filter((line) => line && JSON.parse(line).step <= step);
  await writeFileAtomically(path, lines.map((line) => `${line}\n`).join(''));
}
