/**
 * @packageDocumentation
 * Entropy models for Lico that decode identically on every backend (`docs/integer-networks.md`):
 * factorized prior, Gaussian conditional, K = 3 Gaussian mixture, hyperprior and conditional
 * hyperprior, checkerboard and masked autoregressive contexts, and the integer parameter
 * networks (with their conversion from float weights) that make them deterministic.
 *
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { GaussianConditional } from '@lico/entropy-models';
 * import { TcqQuantizer } from '@lico/quantizers';
 *
 * const model = new GaussianConditional({ quantizer: new TcqQuantizer({ step: 0.5, lambda: 0.05 }) });
 * await model.update();
 * const y = Float32Array.from({ length: 512 }, (_, i) => Math.cos(i / 3) * 4);
 * const params = { scaleIndexes: model.indexesFor(new Int32Array(512).fill(1024)) };
 * const { stream } = await model.compress(y, params);
 * console.log(stream.length);
 * ```
 */

export { AutoregressiveContext, isCausalTap, maskCausal } from './autoregressive.js';
export { CheckerboardContext, type CheckerboardStreams, isAnchor } from './checkerboard.js';
export type { CodedSymbols, ConditionalEntropyModel } from './conditional-model.js';
export { FactorizedPrior, type FactorizedPriorParameters, initialFactorizedPrior } from './factorized-prior.js';
export { GaussianConditional, type GaussianParameters } from './gaussian-conditional.js';
export { GaussianMixtureConditional, type MixtureLikelihoodParameters } from './gaussian-mixture-conditional.js';
export { Hyperprior, type HyperpriorOptions, type HyperpriorStreams } from './hyperprior.js';
export {
  type ConvertedNetwork,
  type FloatConvLayer,
  type IntegerConversionOptions,
  toIntegerNetwork,
} from './integer-conversion.js';
export {
  concatChannels,
  cropPlane,
  type IntegerConvLayer,
  type IntegerInputStage,
  IntegerNetwork,
  type IntegerTensor,
} from './integer-network.js';
export { integerExp, integerSoftmax, MIXTURE_WEIGHT_ONE } from './integer-softmax.js';
export {
  buildMixtureComponentTables,
  MIXTURE_MAX_SYMBOLS,
  MIXTURE_MEAN_PHASES,
  type MixtureComponentTables,
  type MixtureParameters,
  meanInPhases,
  mixtureSymbolTables,
} from './mixture-tables.js';
export { defaultScaleTable, fixedScaleTable, scaleIndexes } from './scale-table.js';
