import type { BackendName } from '@lico/core';
import {
  AutoregressiveContext,
  CheckerboardContext,
  type ConditionalEntropyModel,
  type ConvertedNetwork,
  cropPlane,
  type IntegerTensor,
} from '@lico/entropy-models';
import { toFixedLatents } from '@lico/quantizers';
import type { CoderParts, CodingContext, LatentCoder } from './latent-coder.js';
import { hyperAnalysis, type Shape3 } from './side-information.js';
import { STREAM_NAMES } from './stream-names.js';

const network = (converted: ConvertedNetwork | undefined) => (converted as ConvertedNetwork).network;

/** The hyper features over y's plane: the integer h_s of ẑ, cropped where h_a padded y. */
async function hyperFeatures(
  parts: CoderParts,
  zHat: Float32Array,
  zShape: Shape3,
  yShape: Shape3,
  backend: BackendName | undefined,
): Promise<IntegerTensor> {
  const features = await network(parts.networks.hS).run({ values: toFixedLatents(zHat, 'ẑ'), shape: zShape }, backend);
  return cropPlane(features, yShape[1], yShape[2]);
}

/** Codes z (h_a of y) with the factorized prior and returns its stream and the hyper features ẑ gives. */
async function encodeSide(parts: CoderParts, y: Float32Array, yShape: Shape3, backend: BackendName | undefined) {
  const { z, zShape } = await hyperAnalysis(parts.architecture, y, yShape, backend);
  const coded = await (await parts.prior(backend)).compress(z, zShape, backend);
  return {
    stream: coded.stream,
    zShape,
    hyper: await hyperFeatures(parts, coded.reconstruction, zShape, yShape, backend),
  };
}

async function decodeSide(
  parts: CoderParts,
  stream: Uint8Array,
  zShape: Shape3,
  yShape: Shape3,
  backend: BackendName | undefined,
): Promise<IntegerTensor> {
  const zHat = await (await parts.prior(backend)).decompress(stream, zShape, backend);
  return hyperFeatures(parts, zHat, zShape, yShape, backend);
}

/**
 * `cheng2020-anchor` and `cheng2020-attn`: z with the factorized prior, then y position by
 * position with a Gaussian from entropy_parameters([h_s(ẑ); masked context of ŷ]), as
 * CompressAI's `compress` does (an {@link AutoregressiveContext}); streams `[z, y]`.
 */
export function autoregressiveCoder(parts: CoderParts): LatentCoder {
  const model = async ({ backend, quantizer }: CodingContext) =>
    new AutoregressiveContext(
      network(parts.networks.contextPrediction),
      network(parts.networks.entropyParameters),
      (await parts.conditionals.get(quantizer, backend)) as ConditionalEntropyModel<unknown>,
    );
  return {
    streams: STREAM_NAMES.autoregressive,
    async compress(y, yShape, context) {
      const coder = await model(context);
      const side = await encodeSide(parts, y, yShape, context.backend);
      const { stream, yHat } = await coder.compress(y, yShape, side.hyper, context.backend);
      return { streams: [side.stream, stream], zShape: side.zShape, yHat };
    },
    async decompress([z, y], yShape, zShape, context) {
      const coder = await model(context);
      const hyper = await decodeSide(parts, z, zShape as Shape3, yShape, context.backend);
      return coder.decompress(y, yShape, hyper, context.backend);
    },
  };
}

/**
 * `lico-checkerboard-gmm`: z with the factorized prior, then y in two passes of a
 * {@link CheckerboardContext} with the K = 3 mixture; streams `[z, anchors, nonAnchors]`.
 */
export function checkerboardCoder(parts: CoderParts): LatentCoder {
  const model = async ({ backend, quantizer }: CodingContext) => {
    const converted = parts.networks.contextPrediction as ConvertedNetwork;
    const contextChannels = converted.network.layers[0].outChannels;
    return new CheckerboardContext(
      converted.network,
      network(parts.networks.entropyParameters),
      (await parts.conditionals.get(quantizer, backend)) as ConditionalEntropyModel<unknown>,
      contextChannels,
    );
  };
  return {
    streams: STREAM_NAMES['checkerboard-mixture'],
    async compress(y, yShape, context) {
      const checkerboard = await model(context);
      const side = await encodeSide(parts, y, yShape, context.backend);
      const { streams, yHat } = await checkerboard.compress(y, yShape, side.hyper, context.backend);
      return { streams: [side.stream, streams.anchors, streams.nonAnchors], zShape: side.zShape, yHat };
    },
    async decompress([z, anchors, nonAnchors], yShape, zShape, context) {
      const checkerboard = await model(context);
      const hyper = await decodeSide(parts, z, zShape as Shape3, yShape, context.backend);
      return checkerboard.decompress({ anchors, nonAnchors }, yShape, hyper, context.backend);
    },
  };
}
