import { invalidArgument, seededRandom } from '@lico/core';
import { ImageCropLoader } from './data.js';
import { startProfile, stopProfile, trainBackend } from './engine.js';
import { ScaleHyperprior } from './models/scale-hyperprior.js';
import { Adam } from './optim.js';
import { trainStep } from './train-step.js';
import { Variable } from './variable.js';

/** Architectures {@link benchTrain} knows, by CompressAI's ids. */
export const TRAIN_BENCH_ARCHS = ['bmshj2018-hyperprior'] as const;

/** Options of {@link benchTrain}. */
export interface TrainBenchOptions {
  /** 'bmshj2018-hyperprior' (ScaleHyperprior). */
  readonly arch?: (typeof TRAIN_BENCH_ARCHS)[number];
  readonly N: number;
  readonly M: number;
  readonly batch: number;
  readonly crop: number;
  /** Timed steps (the median is reported): 5. */
  readonly steps?: number;
  /** Untimed steps first (primitive creation, page faults): 2. */
  readonly warmup?: number;
  /** A directory of training images; without one, the batches are seeded noise. */
  readonly data?: string;
  /** λ: 0.0130 (CompressAI's quality 5). */
  readonly lambda?: number;
  readonly seed?: number;
  /** Record per-kernel times of the timed steps. */
  readonly profile?: boolean;
  readonly onProgress?: (message: string) => void;
}

/** What {@link benchTrain} measured. */
export interface TrainBenchResult {
  readonly arch: string;
  readonly N: number;
  readonly M: number;
  readonly batch: number;
  readonly crop: number;
  readonly backend: string;
  readonly parameters: number;
  /** Median seconds of a full step (forward, backward, Adam). */
  readonly secondsPerStep: number;
  /**
   * Processor time of the process per timed step, every thread counted (less sensitive than
   * `secondsPerStep` to other processes on a shared machine).
   */
  readonly cpuSecondsPerStep: number;
  /** Every timed step, in order. */
  readonly steps: readonly number[];
  /** Median seconds of each phase. */
  readonly phases: { readonly forward: number; readonly backward: number; readonly optimizer: number };
  /** Seconds per timed step by kernel and by operation backward pass, most first (when profiled). */
  readonly profile?: readonly { readonly name: string; readonly calls: number; readonly seconds: number }[];
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};

/**
 * Measures seconds per training step of a model on the training backend: forward pass,
 * rate-distortion loss, backward pass and Adam (main and auxiliary), as CompressAI's training
 * loop does, after `warmup` untimed steps. Loading batches is not timed (it runs ahead).
 *
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { benchTrain, setTrainBackend } from '@lico/train';
 *
 * await setTrainBackend('js');
 * const result = await benchTrain({ N: 4, M: 4, batch: 1, crop: 64, steps: 1, warmup: 0 });
 * console.log(result.secondsPerStep > 0); // true
 * ```
 */
export async function benchTrain(options: TrainBenchOptions): Promise<TrainBenchResult> {
  const arch = options.arch ?? 'bmshj2018-hyperprior';
  if (!TRAIN_BENCH_ARCHS.includes(arch)) invalidArgument('arch', `one of ${TRAIN_BENCH_ARCHS.join(', ')}`, arch);
  const steps = options.steps ?? 5;
  const warmup = options.warmup ?? 2;
  for (const [name, value, least] of [
    ['steps', steps, 1],
    ['warmup', warmup, 0],
    ['batch', options.batch, 1],
  ] as const)
    if (!Number.isInteger(value) || value < least) invalidArgument(name, `an integer ≥ ${least}`, value);
  if (!Number.isInteger(options.crop) || options.crop < 64 || options.crop % 64 !== 0)
    invalidArgument('crop', 'a multiple of 64 (the hyperprior downsamples by 64)', options.crop);
  const backend = trainBackend();
  const seed = options.seed ?? 0;
  const model = new ScaleHyperprior({ N: options.N, M: options.M }, { seed });
  const main = new Adam(model.parameters.group('main'), { learningRate: 1e-4 });
  const aux = new Adam(model.parameters.group('aux'), { learningRate: 1e-3 });
  const shape = [options.batch, 3, options.crop, options.crop];
  const loader = options.data
    ? await ImageCropLoader.open({ directory: options.data, batch: options.batch, crop: options.crop, seed })
    : undefined;
  const noise = seededRandom(seed + 1);
  const batch = async () =>
    loader
      ? loader.next()
      : new Variable(
          Float32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, () => noise()),
          shape,
        );
  const random = seededRandom(seed + 2);
  const lambda = options.lambda ?? 0.013;
  const times: number[] = [];
  const phases: { forward: number; backward: number; optimizer: number }[] = [];
  let cpuMicroseconds = 0;
  try {
    for (let k = 0; k < warmup + steps; k++) {
      const x = await batch();
      // A turn of the event loop, where Node hands the buffers V8 collected back to the backend.
      await new Promise((resolve) => setImmediate(resolve));
      const timed = k >= warmup;
      if (timed && options.profile && k === warmup) startProfile();
      const cpu = process.cpuUsage();
      const start = performance.now();
      const step = trainStep(model, x, { main, aux }, { lambda, random });
      const seconds = (performance.now() - start) / 1000;
      const used = process.cpuUsage(cpu);
      if (timed) cpuMicroseconds += used.user + used.system;
      options.onProgress?.(
        `${timed ? 'step' : 'warm-up'} ${k + 1}: ${seconds.toFixed(3)} s (loss ${step.loss.toFixed(3)}, bpp ${step.bpp.toFixed(3)})`,
      );
      if (timed) {
        times.push(seconds);
        phases.push(step.seconds);
      }
    }
  } finally {
    loader?.close();
  }
  const profile = options.profile
    ? [...stopProfile()]
        .map(([name, { calls, seconds }]) => ({ name, calls: calls / steps, seconds: seconds / steps }))
        .sort((a, b) => b.seconds - a.seconds)
    : undefined;
  return {
    arch,
    N: options.N,
    M: options.M,
    batch: options.batch,
    crop: options.crop,
    backend: backend.description,
    parameters: model.parameters.count,
    secondsPerStep: median(times),
    cpuSecondsPerStep: cpuMicroseconds / 1e6 / steps,
    steps: times,
    phases: {
      forward: median(phases.map((p) => p.forward)),
      backward: median(phases.map((p) => p.backward)),
      optimizer: median(phases.map((p) => p.optimizer)),
    },
    profile,
  };
}
