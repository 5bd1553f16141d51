import { type Backend, type BackendName, invalidArgument, LATENT_FRACTION_BITS } from '@lico/core';
import { gaussianParametersFrom } from './entropy-parameters.js';
import type { FactorizedPrior } from './factorized-prior.js';
import type { GaussianConditional } from './gaussian-conditional.js';
import type { IntegerNetwork } from './integer-network.js';

type BackendChoice = Backend | BackendName | undefined;
type Shape = readonly [number, number, number];

/** The two streams of a hyperprior: side information z, then the latents y. */
export interface HyperpriorStreams {
  readonly z: Uint8Array;
  readonly y: Uint8Array;
}

/**
 * The mean-scale hyperprior (Ballé et al. 2018, Minnen et al. 2018) with a deterministic
 * parameter path: z is coded with a {@link FactorizedPrior}; the decoded ẑ, in the latent
 * fixed point, goes through an integer hyper-synthesis ({@link IntegerNetwork}) whose output
 * gives y's means and scale indexes; y is coded with a {@link GaussianConditional}. The
 * hyper-analysis (y → z) runs in float on the encoder only, so it is the caller's.
 *
 *     y ──(caller's hA)──▶ z ──FactorizedPrior──▶ ẑ ──integer hS──▶ μ, σ index ──GaussianConditional──▶ ŷ
 */
export class Hyperprior {
  constructor(
    readonly zPrior: FactorizedPrior,
    readonly hyperSynthesis: IntegerNetwork,
    readonly conditional: GaussianConditional,
  ) {}

  /** Means and scale indexes of y from ẑ: integers only, so every backend agrees. */
  async parameters(zHat: Float32Array, zShape: Shape, yShape: Shape, backend?: BackendChoice) {
    const fixed = Int32Array.from(zHat, (v) => Math.round(v * 2 ** LATENT_FRACTION_BITS));
    const output = await this.hyperSynthesis.run({ values: fixed, shape: zShape }, backend);
    const params = gaussianParametersFrom(output, this.conditional);
    if (params.shape.some((n, i) => n !== yShape[i])) {
      invalidArgument('yShape', `the hyper-synthesis output's [${params.shape.join(', ')}]`, yShape);
    }
    return { ...params, shape: yShape };
  }

  /** Codes z, then y with the parameters the decoder will derive from ẑ. */
  async compress(
    y: Float32Array,
    yShape: Shape,
    z: Float32Array,
    zShape: Shape,
    backend?: BackendChoice,
  ): Promise<{ streams: HyperpriorStreams; yHat: Float32Array }> {
    const zCoded = await this.zPrior.compress(z, zShape, backend);
    const params = await this.parameters(zCoded.reconstruction, zShape, yShape, backend);
    const yCoded = await this.conditional.compress(y, params, backend);
    return { streams: { z: zCoded.stream, y: yCoded.stream }, yHat: yCoded.reconstruction };
  }

  /** Decodes ẑ, derives y's parameters from it, and decodes ŷ. */
  async decompress(
    streams: HyperpriorStreams,
    yShape: Shape,
    zShape: Shape,
    backend?: BackendChoice,
  ): Promise<Float32Array> {
    const zHat = await this.zPrior.decompress(streams.z, zShape, backend);
    const params = await this.parameters(zHat, zShape, yShape, backend);
    return this.conditional.decompress(streams.y, params, backend);
  }
}
