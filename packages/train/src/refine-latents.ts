import { invalidArgument, LicoError, seededRandom } from '@lico/core';
import type { CompressionModel, LatentRefiner, RefinementInput } from '@lico/models';
import { type FloatTensor, floatTensor, padToMultiple } from '@lico/transforms';
import type { TrainableModel } from './models/scale-hyperprior.js';
import { constant, mul, scale } from './ops/elementwise.js';
import { rateDistortionLoss } from './ops/losses.js';
import { Adam } from './optim.js';
import type { TensorData } from './parameters.js';
import { makeModel } from './trainer.js';
import { backward, noGrad, Variable } from './variable.js';

/** Options of {@link refineLatents} and {@link latentRefiner}. */
export interface RefineOptions {
  /** Adam steps on y (default 10); each costs about one training step on the image. */
  readonly iterations?: number;
  /** Adam's step size in latent units, decayed linearly to 0 over the iterations (default 0.01). */
  readonly learningRate?: number;
  /** λ of the cost λ·255²·MSE + bpp (default: the λ the model was trained for, from its weights). */
  readonly lambda?: number;
  /** Seed of the quantization noise (default 0): the same inputs give the same y. */
  readonly seed?: number;
  /**
   * The largest image refined, in pixels (default 4 194 304, 2048²): the gradient needs every
   * activation of the whole image at once, about 1.5 GB per megapixel. Larger images are
   * `LICO_LIMIT_EXCEEDED`.
   */
  readonly maxPixels?: number;
  /** Called after each iteration. */
  readonly onIteration?: (iteration: number, iterations: number) => void;
}

const DEFAULT_MAX_PIXELS = 2048 * 2048;

/** Training forms of the codec's models, with their weights and frozen, built once per model. */
const frozenModels = new WeakMap<CompressionModel, TrainableModel>();

function frozenModelOf(model: CompressionModel): TrainableModel {
  let frozen = frozenModels.get(model);
  if (frozen) return frozen;
  const { architecture, N, M } = model.info;
  frozen = makeModel(architecture, N, M, { frozen: true });
  // Parameters are float tensors; a WeightMap may also hold integer ones, which no parameter takes.
  const floats = [...model.weights()].filter(
    (entry): entry is [string, TensorData] => entry[1].data instanceof Float32Array,
  );
  frozen.parameters.loadStateDict(new Map(floats), { strict: false });
  frozenModels.set(model, frozen);
  return frozen;
}

/** 1 over the image's `height × width`, 0 over the padding below and to the right of it. */
function visibleMask(dims: readonly number[], height: number, width: number): Float32Array {
  const [n, c, h, w] = dims;
  const mask = new Float32Array(n * c * h * w);
  for (let plane = 0; plane < n * c; plane++)
    for (let i = 0; i < height; i++) mask.fill(1, (plane * h + i) * w, (plane * h + i) * w + width);
  return mask;
}

/**
 * The training-form cost of coding `latents`: λ·255²·MSE over the image's own pixels + bits per
 * pixel. With padding, `rateDistortionLoss` of the masked images counts the padded pixels in both
 * terms' denominators; the factor undoes that (the decoder crops the padding away).
 */
function cost(
  model: TrainableModel,
  x: Variable,
  latents: Variable,
  image: { readonly height: number; readonly width: number; readonly mask?: Variable },
  options: { lambda: number; random: () => number; quantization: 'mixed' | 'round' },
): Variable {
  const out = model.forward(x, { random: options.random, quantization: options.quantization, latents });
  const { height, width, mask } = image;
  const likelihoods = Object.values(out.likelihoods);
  if (!mask) return rateDistortionLoss(out.xHat, x, likelihoods, options).loss;
  const { loss } = rateDistortionLoss(mul(out.xHat, mask), mul(x, mask), likelihoods, options);
  return scale(loss, x.size / (3 * height * width));
}

/**
 * Encoder-side refinement of y (Campos et al. 2019, Yang et al. 2020): Adam on y itself, the
 * model fixed, minimizing the model's training cost λ·255²·MSE + bpp of this one image (noise
 * for the rate, straight-through rounding for what the decoder reads, as in training). g_a is
 * trained for all images at once, so one image's y can usually be coded with fewer bits, or
 * less error, than g_a gives; the decoder is unchanged. Returns the refined y when the cost
 * with y rounded (as the coder will) is lower than g_a's, otherwise g_a's y.
 *
 * Runs on the training backend (`setTrainBackend`); the model must be one `lico train` knows
 * (`lico-checkerboard-gmm`, `bmshj2018-hyperprior`), else `LICO_UNSUPPORTED_MODEL`.
 */
export async function refineLatents(input: RefinementInput, options: RefineOptions = {}): Promise<FloatTensor> {
  const { image, y, model } = input;
  const iterations = options.iterations ?? 10;
  const learningRate = options.learningRate ?? 0.01;
  const lambda = options.lambda ?? model.info.lambda;
  if (!Number.isInteger(iterations) || iterations < 0) invalidArgument('iterations', 'an integer ≥ 0', iterations);
  if (!(learningRate > 0)) invalidArgument('learningRate', 'a number > 0', learningRate);
  if (lambda === undefined || !(lambda > 0)) {
    invalidArgument('lambda', "a number > 0 (the model's weights record none)", lambda);
  }
  const [, , height, width] = image.dims;
  const maxPixels = options.maxPixels ?? DEFAULT_MAX_PIXELS;
  if (height * width > maxPixels) {
    throw new LicoError(
      'LICO_LIMIT_EXCEEDED',
      `refining the latents of a ${width}×${height} image would hold about ${((1.5 * height * width) / 1e6).toFixed(0)} GB of activations; the limit is ${maxPixels} pixels (maxPixels): encode it without refinement`,
    );
  }
  const frozen = frozenModelOf(model);
  const padded = padToMultiple(image, 16, 'replicate');
  const x = new Variable(padded.data, padded.dims);
  const mask = padded === image ? undefined : constant(visibleMask(padded.dims, height, width), padded.dims);
  const region = { height, width, mask };
  const random = seededRandom(options.seed ?? 0);
  const roundedCost = (values: Float32Array) =>
    noGrad(() =>
      cost(frozen, x, new Variable(values, y.dims), region, { lambda, random, quantization: 'round' }).item(),
    );

  // y as the one parameter of an Adam whose step size falls linearly to 0 over the iterations.
  const values = Float32Array.from(y.data);
  const latents = new Variable(values, y.dims, { requiresGrad: true });
  const grads = new Float32Array(values.length);
  latents.grad = grads;
  const adam = new Adam({ values, grads }, { learningRate: (t) => learningRate * (1 - (t - 1) / iterations) });
  for (let t = 1; t <= iterations; t++) {
    adam.zeroGrad();
    backward(cost(frozen, x, latents, region, { lambda, random, quantization: 'mixed' }), { recycleValues: true });
    adam.step();
    options.onIteration?.(t, iterations);
  }
  if (iterations === 0 || roundedCost(values) >= roundedCost(y.data)) return y;
  return floatTensor(values, y.dims);
}

/**
 * A `LatentRefiner` for `@lico/models`' `encode` and `compress` (`refine` option) that runs
 * {@link refineLatents} with these options.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { createModel, decode, encode } from '@lico/models';
 * import { latentRefiner, setTrainBackend } from '@lico/train';
 *
 * await setTrainBackend('js');
 * const weights = (await createModel('bmshj2018-hyperprior', { N: 4, M: 6 })).toSafetensors();
 * const image = { width: 32, height: 16, channels: 3 as const, data: new Uint8Array(32 * 16 * 3).fill(90) };
 * const refine = latentRefiner({ iterations: 3, lambda: 0.01 });
 * const file = await encode(image, { weights, backend: 'js', refine });
 * console.log((await decode(file, { weights, backend: 'js' })).width); // 32
 * ```
 */
export function latentRefiner(options: RefineOptions = {}): LatentRefiner {
  return (input) => refineLatents(input, options);
}
