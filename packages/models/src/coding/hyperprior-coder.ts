import { type ConditionalEntropyModel, type ConvertedNetwork, Hyperprior } from '@lico/entropy-models';
import type { Conditional } from './conditionals.js';
import type { CoderParts, CodingContext, LatentCoder } from './latent-coder.js';
import { hyperAnalysis, type Shape3 } from './side-information.js';
import { STREAM_NAMES } from './stream-names.js';

/**
 * `bmshj2018-hyperprior` and `mbt2018-mean`: a {@link Hyperprior} (z with the factorized
 * prior, y's scales, and means for mbt2018, from the integer h_s), streams `[z, y]`.
 */
export function hyperpriorCoder(parts: CoderParts): LatentCoder {
  const model = async ({ backend, quantizer }: CodingContext) => {
    const conditional: Conditional = await parts.conditionals.get(quantizer, backend);
    const { network } = parts.networks.hS as ConvertedNetwork;
    return new Hyperprior(await parts.prior(backend), network, conditional as ConditionalEntropyModel<unknown>);
  };
  return {
    streams: STREAM_NAMES[parts.architecture.entropy],
    async compress(y, yShape, context) {
      const hyperprior = await model(context);
      const { z, zShape } = await hyperAnalysis(parts.architecture, y, yShape, context.backend);
      const { streams, yHat } = await hyperprior.compress(y, yShape, z, zShape, { backend: context.backend });
      return { streams: [streams.z, streams.y], zShape, yHat };
    },
    async decompress([z, y], yShape, zShape, context) {
      const hyperprior = await model(context);
      return hyperprior.decompress({ z, y }, yShape, zShape as Shape3, { backend: context.backend });
    },
  };
}
