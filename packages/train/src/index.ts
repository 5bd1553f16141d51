/**
 * @packageDocumentation
 * Training in Lico: reverse-mode automatic differentiation over the backends' float kernels
 * (`Conv2d` and its gradients, `Gdn`, `Activation`, `AdamUpdate`: oneDNN, threads and SIMD on
 * the native backend), the differentiable operations learned codecs are made of, Adam, the
 * rate-distortion losses of CompressAI, background loading of random crops, and a reference
 * `ScaleHyperprior` with CompressAI's parameter names.
 *
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { seededRandom } from '@lico/core';
 * import { Adam, ScaleHyperprior, setTrainBackend, trainStep, Variable } from '@lico/train';
 *
 * await setTrainBackend('js');
 * const model = new ScaleHyperprior({ N: 4, M: 6 }, { seed: 1 });
 * const main = new Adam(model.parameters.group('main'), { learningRate: 1e-4 });
 * const aux = new Adam(model.parameters.group('aux'), { learningRate: 1e-3 });
 * const random = seededRandom(2);
 * const x = new Variable(Float32Array.from({ length: 3 * 64 * 64 }, random), [1, 3, 64, 64]);
 * const step = trainStep(model, x, { main, aux }, { lambda: 0.01, random });
 * console.log(step.bpp > 0, step.psnr !== undefined); // true true
 * ```
 */

export { erfc } from '@lico/quantizers';
export { benchTrain, TRAIN_BENCH_ARCHS, type TrainBenchOptions, type TrainBenchResult } from './bench.js';
export { type CheckpointState, encodeCheckpoint, type RunIdentity, restoreCheckpoint } from './checkpoint.js';
export { defaultTrainDirectory, ImageCropLoader, type ImageCropLoaderOptions } from './data.js';
export { type Profile, setTrainBackend, startProfile, stopProfile, trainBackend } from './engine.js';
export { gdnSpecs } from './models/bmshj-transforms.js';
export { CheckerboardGmm, type CheckerboardGmmConfig } from './models/checkerboard-gmm.js';
export {
  type ForwardOptions,
  type ModelOutput,
  ScaleHyperprior,
  type ScaleHyperpriorConfig,
  type TrainableModel,
  type TrainingQuantization,
} from './models/scale-hyperprior.js';
export { leakyRelu, relu, sigmoid, softplus, tanh } from './ops/activations.js';
export {
  type Conv2dOptions,
  type ConvTranspose2dOptions,
  conv2d,
  convTranspose2d,
  maskedConv2d,
  rasterMask,
} from './ops/conv.js';
export {
  abs,
  add,
  addScalar,
  constant,
  div,
  exp,
  log,
  lowerBound,
  mul,
  neg,
  pow,
  scale,
  sqrt,
  square,
  sub,
} from './ops/elementwise.js';
export {
  type EntropyBottleneckOptions,
  entropyBottleneckAuxLoss,
  entropyBottleneckLikelihood,
  entropyBottleneckMedians,
  entropyBottleneckSpecs,
} from './ops/entropy-bottleneck.js';
export { gdn, gdnEffective, nonNegative, nonNegativeInit, REPARAM_OFFSET } from './ops/gdn.js';
export { gaussianLikelihood, gaussianMixtureLikelihood, type LikelihoodBounds } from './ops/likelihoods.js';
export {
  avgPool2,
  bits,
  type MsSsimOptions,
  mse,
  msSsim,
  psnr,
  type RateDistortion,
  rateDistortionLoss,
} from './ops/losses.js';
export { normalCdf, normalPdf } from './ops/normal.js';
export {
  addUniformNoise,
  mixedQuantize,
  type QuantizationMode,
  type QuantizeOptions,
  quantize,
  type RandomSource,
  roundHalfEven,
  roundSte,
} from './ops/quantize.js';
export { matmul, mean, sum } from './ops/reduce.js';
export {
  channelsFirst,
  channelsLast,
  concat,
  cropSpatial,
  padReplicate,
  pixelShuffle,
  reshape,
  softmaxChannels,
  split,
} from './ops/shape.js';
export {
  Adam,
  type AdamOptions,
  type AdamStep,
  type LearningRateSchedule,
  linearWarmup,
  multiStepSchedule,
} from './optim.js';
export {
  constantInit,
  convSpecs,
  type ParameterSpec,
  Parameters,
  type StateDict,
  type TensorData,
  uniformInit,
} from './parameters.js';
export { latentRefiner, type RefineOptions, refineLatents } from './refine-latents.js';
export { type TrainStepOptions, type TrainStepResult, trainStep } from './train-step.js';
export {
  TRAIN_ARCHS,
  type TrainArch,
  type TrainRunOptions,
  type TrainRunSummary,
  type TrainStatus,
  trainRun,
} from './trainer.js';
export {
  backward,
  detach,
  type GradNode,
  isGradEnabled,
  noGrad,
  Variable,
  type VariableOptions,
} from './variable.js';
