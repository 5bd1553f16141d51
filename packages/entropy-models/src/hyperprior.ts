import { type Backend, type BackendName, invalidArgument } from '@lico/core';
import { toFixedLatents } from '@lico/quantizers';
import type { ConditionalEntropyModel } from './conditional-model.js';
import type { FactorizedPrior } from './factorized-prior.js';
import type { GaussianParameters } from './gaussian-conditional.js';
import { concatChannels, cropPlane, type IntegerNetwork, type IntegerTensor } from './integer-network.js';

type Shape = readonly [number, number, number];

/** The two streams of a hyperprior: side information z, then the latents y. */
export interface HyperpriorStreams {
  readonly z: Uint8Array;
  readonly y: Uint8Array;
}

/** Where to run, and (conditional hyperprior) the already decoded tensor y's parameters also see. */
export interface HyperpriorOptions {
  readonly backend?: Backend | BackendName;
  /** An integer tensor on the hyper features' plane, e.g. RDONet's deeper decoded latent. */
  readonly condition?: IntegerTensor;
}

/**
 * The mean-scale hyperprior (Ballé et al. 2018, Minnen et al. 2018) with a deterministic
 * parameter path: z is coded with a {@link FactorizedPrior}; the decoded ẑ, in the latent
 * fixed point, goes through an integer hyper-synthesis ({@link IntegerNetwork}) whose output
 * gives y's parameters; y is coded with a conditional model: a {@link GaussianConditional}
 * (means and scale indexes) or a {@link GaussianMixtureConditional}. The hyper-analysis
 * (y → z) runs in float on the encoder only, so it is the caller's.
 *
 *     y ──(caller's hA)──▶ z ──FactorizedPrior──▶ ẑ ──integer hS──▶ μ, σ index ──GaussianConditional──▶ ŷ
 *
 * With a `parameterNetwork` and a `condition`, it is RDONet's conditional hyperprior (Brand et
 * al.): the parameters come from `parameterNetwork([hS(ẑ); condition])`, so they also see
 * another decoded tensor. Every step that decides tables is integer: all backends agree.
 */
export class Hyperprior<P = GaussianParameters> {
  constructor(
    readonly zPrior: FactorizedPrior,
    readonly hyperSynthesis: IntegerNetwork,
    readonly conditional: ConditionalEntropyModel<P>,
    readonly parameterNetwork?: IntegerNetwork,
  ) {}

  /**
   * y's parameters from ẑ (and the condition): integers only. When the hyper-synthesis gives a
   * larger plane than y's (y's sides were not multiples of the hyper transforms' factor, so the
   * hyper-analysis padded them below and to the right), its top-left part is used.
   */
  async parameters(zHat: Float32Array, zShape: Shape, yShape: Shape, options: HyperpriorOptions = {}) {
    const full = await this.hyperSynthesis.run({ values: toFixedLatents(zHat, 'ẑ'), shape: zShape }, options.backend);
    // A larger plane comes from a hyper-analysis that padded y to its multiple: keep y's part.
    const larger = full.shape[1] >= yShape[1] && full.shape[2] >= yShape[2];
    let features = larger ? cropPlane(full, yShape[1], yShape[2]) : full;
    const { condition } = options;
    if (condition) {
      if (condition.shape[1] !== features.shape[1] || condition.shape[2] !== features.shape[2]) {
        invalidArgument(
          'condition',
          `the hyper features' plane ${features.shape[1]}×${features.shape[2]}`,
          condition.shape,
        );
      }
      features = concatChannels(features, condition);
    }
    if (this.parameterNetwork) features = await this.parameterNetwork.run(features, options.backend);
    const params = this.conditional.parametersFrom(features);
    if (params.shape.some((n, i) => n !== yShape[i])) {
      invalidArgument('yShape', `the parameter path's output [${params.shape.join(', ')}]`, yShape);
    }
    return params;
  }

  /** Codes z, then y with the parameters the decoder will derive from ẑ. */
  async compress(
    y: Float32Array,
    yShape: Shape,
    z: Float32Array,
    zShape: Shape,
    options: HyperpriorOptions = {},
  ): Promise<{ streams: HyperpriorStreams; yHat: Float32Array }> {
    const zCoded = await this.zPrior.compress(z, zShape, options.backend);
    const params = await this.parameters(zCoded.reconstruction, zShape, yShape, options);
    const yCoded = await this.conditional.compress(y, params, options.backend);
    return { streams: { z: zCoded.stream, y: yCoded.stream }, yHat: yCoded.reconstruction };
  }

  /** Decodes ẑ, derives y's parameters from it, and decodes ŷ. */
  async decompress(streams: HyperpriorStreams, yShape: Shape, zShape: Shape, options: HyperpriorOptions = {}) {
    const zHat = await this.zPrior.decompress(streams.z, zShape, options.backend);
    const params = await this.parameters(zHat, zShape, yShape, options);
    return this.conditional.decompress(streams.y, params, options.backend);
  }
}
