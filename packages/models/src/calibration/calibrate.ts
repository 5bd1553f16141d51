import { type BackendName, invalidArgument } from '@lico/core';
import {
  type ConvertedNetwork,
  concatChannels,
  cropPlane,
  type FactorizedPriorParameters,
  IntegerNetwork,
  type IntegerTensor,
  isAnchor,
  toIntegerNetwork,
} from '@lico/entropy-models';
import { toFixedLatents } from '@lico/quantizers';
import { type FloatTensor, floatTensor, nchwOf, type Sequential } from '@lico/transforms';
import type { Architecture } from '../architectures/architecture.js';
import { floatConvLayers } from '../coding/float-layers.js';
import { type IntegerNetworks, integerRoles } from '../coding/integer-networks.js';
import { hyperAnalysis, type Shape3 } from '../coding/side-information.js';
import { runTransform } from '../coding/transforms.js';

/**
 * Latents (ẑ, ŷ) beyond ±64 are clamped where they enter an integer network: they are still
 * coded exactly, only their effect on their neighbours' parameters saturates.
 */
export const LATENT_RANGE = 64;

interface Sample {
  readonly y: Float32Array;
  readonly yShape: Shape3;
  readonly zHat: IntegerTensor;
}

/** z rounded around each channel's median, in the latent fixed point, as the factorized prior codes it. */
function quantizedSide(z: Float32Array, zShape: Shape3, prior: FactorizedPriorParameters): IntegerTensor {
  const plane = zShape[1] * zShape[2];
  const zHat = z.map((v, i) => {
    const median = Math.round(prior.quantiles[3 * Math.floor(i / plane) + 1] * 256) / 256;
    return Math.round(v - median) + median;
  });
  return { values: toFixedLatents(zHat, 'ẑ'), shape: zShape };
}

/** One image at a time: the images' latents on the given backend. */
async function samplesOf(
  architecture: Architecture,
  prior: FactorizedPriorParameters,
  images: readonly FloatTensor[],
  backend: BackendName | undefined,
): Promise<Sample[]> {
  const samples: Sample[] = [];
  for (const image of images) {
    const [count, channels, height, width] = nchwOf(image, 'calibration image');
    if (channels !== 3) invalidArgument('calibration image', 'an RGB tensor [N, 3, H, W]', image.dims);
    const size = 3 * height * width;
    for (let n = 0; n < count; n++) {
      const one = floatTensor(image.data.subarray(n * size, (n + 1) * size), [1, 3, height, width]);
      const y = await runTransform(architecture.modules.gA, one, backend);
      const yShape: Shape3 = [y.dims[1], y.dims[2], y.dims[3]];
      const { z, zShape } = await hyperAnalysis(architecture, y.data, yShape, backend);
      samples.push({ y: y.data, yShape, zHat: quantizedSide(z, zShape, prior) });
    }
  }
  return samples;
}

/**
 * h_s in integers. Its output is y's parameters in the latent fixed point for the hyperpriors
 * (`bmshj2018-hyperprior`'s final ReLU becomes a clamp at 0 of that output, so small scales
 * keep their 2^-8 precision), a bounded linear output for cheng2020 (it feeds
 * entropy_parameters), and 8-bit ReLU features with their own fraction bits for the default model.
 */
async function hyperSynthesis(
  architecture: Architecture,
  calibration: IntegerTensor[],
  backend: BackendName | undefined,
): Promise<ConvertedNetwork> {
  const layers = floatConvLayers(architecture.modules.hS as Sequential);
  const scalesOnly = architecture.entropy === 'scale-hyperprior';
  if (scalesOnly) layers[layers.length - 1] = { ...layers[layers.length - 1], activation: 'linear' };
  const converted = await toIntegerNetwork(layers, calibration, {
    inputRange: LATENT_RANGE,
    boundedOutput: architecture.entropy === 'autoregressive',
    backend,
  });
  if (!scalesOnly) return converted;
  const { network } = converted;
  const last = network.layers[network.layers.length - 1];
  const relu = new IntegerNetwork([...network.layers.slice(0, -1), { ...last, clampMin: 0 }], network.input);
  return { ...converted, network: relu };
}

/**
 * Converts a model's float parameter networks (h_s, and for the context models
 * context_prediction and entropy_parameters) to integer networks, calibrated on images:
 * their latents give the statistics that set each layer's shift (docs/integer-networks.md).
 * The context network sees ŷ as it will be coded (rounded y; the anchors alone for the
 * checkerboard), entropy_parameters the concatenation of hyper and context features, each
 * with its own fraction bits (and, for the checkerboard's anchor pass, zero context).
 */
export async function convertParameterNetworks(
  architecture: Architecture,
  prior: FactorizedPriorParameters,
  images: readonly FloatTensor[],
  backend?: BackendName,
): Promise<IntegerNetworks> {
  const roles = integerRoles(architecture.entropy);
  if (roles.length === 0) return {};
  if (images.length === 0) invalidArgument('calibration', 'at least one image', images);
  const samples = await samplesOf(architecture, prior, images, backend);
  const hS = await hyperSynthesis(
    architecture,
    samples.map((s) => s.zHat),
    backend,
  );
  if (roles.length === 1) return { hS };
  const { contextPrediction: context, entropyParameters } = architecture.modules;
  const checkerboard = architecture.entropy === 'checkerboard-mixture';
  const yHat = samples.map(({ y, yShape: [, height, width] }) => {
    const rounded = y.map((v, i) =>
      !checkerboard || isAnchor(Math.floor(i / width) % height, i % width) ? Math.round(v) : 0,
    );
    return toFixedLatents(rounded, 'ŷ');
  });
  const contextPrediction = await toIntegerNetwork(
    floatConvLayers(context as NonNullable<typeof context>),
    yHat.map((values, i) => ({ values, shape: samples[i].yShape })),
    { inputRange: LATENT_RANGE, boundedOutput: true, backend },
  );
  const joined: IntegerTensor[] = [];
  let hyperChannels = 0;
  for (const [i, sample] of samples.entries()) {
    const hyper = cropPlane(await hS.network.run(sample.zHat, backend), sample.yShape[1], sample.yShape[2]);
    hyperChannels = hyper.shape[0];
    const features = await contextPrediction.network.run({ values: yHat[i], shape: sample.yShape }, backend);
    if (checkerboard) {
      joined.push(concatChannels(hyper, { values: new Int32Array(features.values.length), shape: features.shape }));
    }
    joined.push(concatChannels(hyper, features));
  }
  const bits = Array.from({ length: joined[0].shape[0] }, (_, c) =>
    c < hyperChannels ? hS.outputFractionBits : contextPrediction.outputFractionBits,
  );
  return {
    hS,
    contextPrediction,
    entropyParameters: await toIntegerNetwork(
      floatConvLayers(entropyParameters as NonNullable<typeof entropyParameters>),
      joined,
      { inputFractionBits: bits, backend },
    ),
  };
}
