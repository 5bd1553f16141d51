import { seededRandom } from '@lico/core';
import {
  CheckerboardContext,
  type ConditionalEntropyModel,
  concatChannels,
  FactorizedPrior,
  type FloatConvLayer,
  GaussianConditional,
  GaussianMixtureConditional,
  Hyperprior,
  type IntegerTensor,
  initialFactorizedPrior,
  isAnchor,
  type MixtureParameters,
  toIntegerNetwork,
} from '@lico/entropy-models';
import { toFixedLatents } from '@lico/quantizers';
import { type FloatTensor, runFloatNetwork, softmaxBlocks } from './float-network.js';

type Shape = [number, number, number];
type Random = () => number;

/** The latent sizes of an image: y at 1/16 with M channels, z at 1/64 with N. */
export interface LatentSizes {
  readonly y: Shape;
  readonly z: Shape;
}

export function latentSizes(width: number, height: number, n: number, m: number): LatentSizes {
  const up = (v: number, d: number) => Math.ceil(v / d);
  return { y: [m, up(height, 16), up(width, 16)], z: [n, up(height, 64), up(width, 64)] };
}

/** One model of the benchmark: what it codes, how, and its own −log2-likelihood estimate. */
export interface BenchModel {
  /** Computes the parameters and codes the latents: the streams in coding order. */
  encode(backend: string): Promise<Uint8Array[]>;
  /** Decodes `streams` and returns ŷ (checked against the encoder's). */
  decode(streams: Uint8Array[], backend: string): Promise<Float32Array>;
  /** ŷ as the encoder reconstructed it, and the model's likelihood bits of everything coded. */
  readonly reference: { yHat: Float32Array; likelihoodBits: number };
  /** The parameter networks in integers against the float networks they came from, on y alone. */
  readonly integerCost?: IntegerCost;
}

/**
 * Bits of y drawn from the float model: the float model's −log2 likelihood, the integer
 * model's likelihood of what it codes, and the integer model's coded bits.
 */
export interface IntegerCost {
  readonly floatBits: number;
  readonly integerBits: number;
  readonly codedBits: number;
}

/** Draws from float mixtures (K = 1: Gaussians), component-major parameters. */
function sampleFloat(
  weights: Float32Array | undefined,
  means: Float32Array,
  scales: Float32Array,
  count: number,
  random: Random,
) {
  const components = means.length / count;
  return Float32Array.from({ length: count }, (_, i) => {
    let u = random();
    let k = 0;
    while (weights && k < components - 1 && u >= weights[k * count + i]) u -= weights[k++ * count + i];
    const normal = Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
    return means[k * count + i] + Math.max(scales[k * count + i], 0.11) * normal;
  });
}

/** The float face of a parameter tensor: means, scales and (mixtures) softmax weights. */
function floatParameters(values: Float32Array, components: number) {
  const part = values.length / 3;
  if (components === 1) {
    const half = values.length / 2;
    return { scales: values.subarray(0, half), means: values.subarray(half), weights: undefined };
  }
  return {
    means: values.subarray(0, part),
    scales: values.subarray(part, 2 * part),
    weights: softmaxBlocks(values.subarray(2 * part), components),
  };
}

function floatBitsOf(
  conditional: GaussianConditional | GaussianMixtureConditional,
  yHat: Float32Array,
  params: ReturnType<typeof floatParameters>,
): number {
  if (conditional instanceof GaussianConditional)
    return bitsOf(conditional.likelihood(yHat, params.scales, params.means));
  return bitsOf(conditional.likelihood(yHat, { ...params, weights: params.weights as Float32Array }));
}

const concatFloat = (a: FloatTensor, b: FloatTensor): FloatTensor => {
  const values = new Float32Array(a.values.length + b.values.length);
  values.set(a.values);
  values.set(b.values, a.values.length);
  return { values, shape: [a.shape[0] + b.shape[0], a.shape[1], a.shape[2]] };
};

/** A float layer with He-uniform weights (trained networks' scale) and small biases. */
function floatLayer(
  random: Random,
  spec: Pick<FloatConvLayer, 'inChannels' | 'outChannels' | 'kernelSize' | 'activation'> &
    Partial<Pick<FloatConvLayer, 'stride' | 'transposed'>> & { gain?: number; biases?: (o: number) => number },
): FloatConvLayer {
  const { inChannels, outChannels, kernelSize, activation, stride = 1, transposed = false, gain = 1 } = spec;
  const fanIn = (inChannels * kernelSize * kernelSize) / (transposed ? stride * stride : 1);
  const bound = gain * Math.sqrt(6 / fanIn);
  return {
    inChannels,
    outChannels,
    kernelSize,
    stride,
    transposed,
    padding: kernelSize >> 1,
    outputPadding: transposed ? stride - 1 : 0,
    activation,
    weight: Float32Array.from({ length: inChannels * outChannels * kernelSize ** 2 }, () => (random() * 2 - 1) * bound),
    bias: Float32Array.from({ length: outChannels }, (_, o) => spec.biases?.(o) ?? (random() - 0.5) * 0.2),
  };
}

/**
 * Output biases that put parameters where trained models have them: means near 0, scales
 * around 2 (2^-8 fixed point after conversion), mixture logits near 0. `blocks` is the
 * output layout, e.g. `['scales', 'means']`, each `channels` wide.
 */
function parameterBiases(blocks: readonly string[], channels: number, random: Random) {
  return (o: number) => (blocks[Math.floor(o / channels)] === 'scales' ? 2 + random() : (random() - 0.5) * 0.5);
}

/** Latents (ẑ, ŷ) beyond ±64 are clamped at the input of the integer networks. */
const LATENT_RANGE = 64;

const bitsOf = (likelihood: Float32Array) => likelihood.reduce((bits, p) => bits - Math.log2(p), 0);

/**
 * A factorized prior with channel-dependent densities and fitted quantiles, as training
 * leaves them: CompressAI's initial density (spread ±20 and more) narrowed 4 to 16 times per
 * channel, so that the latents have the few-unit spread of trained models.
 */
function trainedLookingPrior(channels: number, random: Random): FactorizedPrior {
  const initial = initialFactorizedPrior(channels, 7);
  for (let c = 0; c < channels; c++) {
    initial.biases[0].fill((random() - 0.5) * 3, 3 * c, 3 * c + 3);
    // The first layer's slope is softplus(matrix): multiply it, in the raw parametrization.
    const narrowing = 4 + random() * 12;
    for (let j = 0; j < 3; j++) {
      const slope = Math.log1p(Math.exp(initial.matrices[0][3 * c + j])) * narrowing;
      initial.matrices[0][3 * c + j] = Math.log(Math.expm1(slope));
    }
  }
  return new FactorizedPrior(new FactorizedPrior(initial).withFittedQuantiles());
}

export async function factorizedModel(sizes: LatentSizes): Promise<BenchModel> {
  const random = seededRandom(11);
  const prior = trainedLookingPrior(sizes.y[0], random);
  await prior.update();
  const y = prior.sample(sizes.y, random);
  const { reconstruction } = await prior.compress(y, sizes.y);
  return {
    async encode(backend) {
      return [(await prior.compress(y, sizes.y, backend)).stream];
    },
    decode: ([stream], backend) => prior.decompress(stream, sizes.y, backend),
    reference: { yHat: reconstruction, likelihoodBits: bitsOf(prior.likelihood(reconstruction, sizes.y)) },
  };
}

/** The hyperprior's side information: z drawn from its prior, and ẑ. */
async function sideInformation(sizes: LatentSizes, random: Random) {
  const zPrior = trainedLookingPrior(sizes.z[0], random);
  await zPrior.update();
  const z = zPrior.sample(sizes.z, random);
  const zHat = (await zPrior.compress(z, sizes.z)).reconstruction;
  return { zPrior, z, zHat, zBits: bitsOf(zPrior.likelihood(zHat, sizes.z)) };
}

/** A float hyper-synthesis (two stride-2 transposed 5×5 layers, then a 1×1 output) converted to integers. */
async function hyperSynthesis(
  sizes: LatentSizes,
  outputs: number,
  output: FloatConvLayer['activation'],
  blocks: string[],
  zHat: Float32Array,
  random: Random,
) {
  const [n, m] = [sizes.z[0], sizes.y[0]];
  const up = { kernelSize: 5, stride: 2, transposed: true, activation: 'relu' } as const;
  const layers = [
    floatLayer(random, { inChannels: n, outChannels: n, ...up }),
    floatLayer(random, { inChannels: n, outChannels: m, ...up }),
    floatLayer(random, {
      inChannels: m,
      outChannels: outputs,
      kernelSize: 1,
      activation: output,
      gain: 0.5,
      biases: parameterBiases(blocks, m, random),
    }),
  ];
  const converted = await toIntegerNetwork(layers, [{ values: toFixedLatents(zHat), shape: sizes.z }], {
    inputRange: LATENT_RANGE,
  });
  return { ...converted, float: layers };
}

/** Mean-scale hyperprior with a Gaussian or a K=3 mixture for y. */
export async function hyperpriorModel(sizes: LatentSizes, mixture: boolean): Promise<BenchModel> {
  const random = seededRandom(mixture ? 13 : 12);
  const { zPrior, z, zHat, zBits } = await sideInformation(sizes, random);
  const m = sizes.y[0];
  const conditional: ConditionalEntropyModel<unknown> = mixture
    ? new GaussianMixtureConditional()
    : new GaussianConditional();
  await (conditional as GaussianConditional | GaussianMixtureConditional).update();
  const blocks = mixture
    ? ['means', 'means', 'means', 'scales', 'scales', 'scales', 'logits', 'logits', 'logits']
    : ['scales', 'means'];
  const { network, float } = await hyperSynthesis(sizes, blocks.length * m, 'linear', blocks, zHat, random);
  const model = new Hyperprior(zPrior, network, conditional);
  const params = await model.parameters(zHat, sizes.z, sizes.y);
  const y = conditional.sample(params, random);
  const { yHat } = await model.compress(y, sizes.y, z, sizes.z);
  // The same latents' rate with the float hyper-synthesis, on y drawn from the float model.
  const count = sizes.y[0] * sizes.y[1] * sizes.y[2];
  const floatParams = floatParameters(
    (await runFloatNetwork(float, { values: zHat, shape: sizes.z })).values,
    mixture ? 3 : 1,
  );
  const yFloat = sampleFloat(floatParams.weights, floatParams.means, floatParams.scales, count, random);
  const yFloatHat = mixture
    ? yFloat.map(Math.round)
    : yFloat.map((v, i) => Math.round(v - floatParams.means[i]) + floatParams.means[i]);
  const integerCoded = await model.compress(yFloat, sizes.y, z, sizes.z);
  const integerCost: IntegerCost = {
    floatBits: floatBitsOf(conditional as GaussianConditional | GaussianMixtureConditional, yFloatHat, floatParams),
    integerBits: bitsOf(conditional.likelihoodOf(integerCoded.yHat, params)),
    codedBits: integerCoded.streams.y.length * 8,
  };
  return {
    async encode(backend) {
      const { streams } = await model.compress(y, sizes.y, z, sizes.z, { backend });
      return [streams.z, streams.y];
    },
    decode: ([zStream, yStream], backend) =>
      model.decompress({ z: zStream, y: yStream }, sizes.y, sizes.z, { backend }),
    reference: { yHat, likelihoodBits: zBits + bitsOf(conditional.likelihoodOf(yHat, params)) },
    integerCost,
  };
}

/**
 * Lico's default entropy model: hyperprior features, the checkerboard context (5×5 over the
 * decoded anchors) and a 1×1 parameter network to a K=3 mixture.
 */
export async function checkerboardModel(sizes: LatentSizes): Promise<BenchModel> {
  const random = seededRandom(14);
  const { zPrior, z, zHat, zBits } = await sideInformation(sizes, random);
  const m = sizes.y[0];
  const conditional = new GaussianMixtureConditional();
  await conditional.update();
  const hyper = await hyperSynthesis(sizes, 2 * m, 'relu', [], zHat, random);
  const hyperFeatures = await hyper.network.run({ values: toFixedLatents(zHat), shape: sizes.z });
  // Calibrate the context on ŷ-like values: anchors of a Laplacian-ish field.
  const sampleY = Float32Array.from({ length: m * sizes.y[1] * sizes.y[2] }, () => Math.round((random() - 0.5) * 8));
  const anchorsOnly: IntegerTensor = {
    values: toFixedLatents(
      sampleY.map((v, i) => (isAnchor(Math.floor(i / sizes.y[2]) % sizes.y[1], i % sizes.y[2]) ? v : 0)),
    ),
    shape: sizes.y,
  };
  const contextLayers = [floatLayer(random, { inChannels: m, outChannels: 2 * m, kernelSize: 5, activation: 'relu' })];
  const context = await toIntegerNetwork(contextLayers, [anchorsOnly], { inputRange: LATENT_RANGE });
  const contextFeatures = await context.network.run(anchorsOnly);
  const zeros: IntegerTensor = { values: new Int32Array(contextFeatures.values.length), shape: contextFeatures.shape };
  const blocks = ['means', 'means', 'means', 'scales', 'scales', 'scales', 'logits', 'logits', 'logits'];
  const parameterLayers = [
    floatLayer(random, { inChannels: 4 * m, outChannels: Math.round((10 * m) / 3), kernelSize: 1, activation: 'relu' }),
    floatLayer(random, {
      inChannels: Math.round((10 * m) / 3),
      outChannels: Math.round((8 * m) / 3),
      kernelSize: 1,
      activation: 'relu',
    }),
    floatLayer(random, {
      inChannels: Math.round((8 * m) / 3),
      outChannels: 9 * m,
      kernelSize: 1,
      activation: 'linear',
      gain: 0.5,
      biases: parameterBiases(blocks, m, random),
    }),
  ];
  const bits = [...Array(2 * m).fill(hyper.outputFractionBits), ...Array(2 * m).fill(context.outputFractionBits)];
  const parameters = await toIntegerNetwork(
    parameterLayers,
    [concatChannels(hyperFeatures, zeros), concatChannels(hyperFeatures, contextFeatures)],
    { inputFractionBits: bits },
  );
  const model = new CheckerboardContext(context.network, parameters.network, conditional, 2 * m);
  // Latents from the model: anchors from the anchor pass, non-anchors given the coded anchors.
  const anchorDraw = conditional.sample(await model.anchorParameters(hyperFeatures), random);
  const { yHat: anchorsHat } = await model.compress(anchorDraw, sizes.y, hyperFeatures);
  const nonAnchorDraw = conditional.sample(await model.nonAnchorParameters(anchorsHat, sizes.y, hyperFeatures), random);
  const y = anchorDraw.map((v, i) =>
    isAnchor(Math.floor(i / sizes.y[2]) % sizes.y[1], i % sizes.y[2]) ? v : nonAnchorDraw[i],
  );
  const { yHat } = await model.compress(y, sizes.y, hyperFeatures);
  const integerCost = await checkerboardIntegerCost(
    { hyper: hyper.float, context: contextLayers, parameters: parameterLayers },
    { model, hyperFeatures, zHat, sizes, random },
  );
  const hyperOf = async (stream: Uint8Array | undefined, backend: string) => {
    const decoded = stream ? await zPrior.decompress(stream, sizes.z, backend) : zHat;
    return hyper.network.run({ values: toFixedLatents(decoded), shape: sizes.z }, backend);
  };
  return {
    async encode(backend) {
      const zStream = (await zPrior.compress(z, sizes.z, backend)).stream;
      const { streams } = await model.compress(y, sizes.y, await hyperOf(undefined, backend), backend);
      return [zStream, streams.anchors, streams.nonAnchors];
    },
    async decode([zStream, anchors, nonAnchors], backend) {
      return model.decompress({ anchors, nonAnchors }, sizes.y, await hyperOf(zStream, backend), backend);
    },
    reference: { yHat, likelihoodBits: zBits + bitsOf(await model.likelihood(yHat, sizes.y, hyperFeatures)) },
    integerCost,
  };
}

/** The checkerboard model's float networks against their integer conversions, on y drawn from the float model. */
async function checkerboardIntegerCost(
  float: Record<'hyper' | 'context' | 'parameters', FloatConvLayer[]>,
  integer: {
    model: CheckerboardContext<MixtureParameters>;
    hyperFeatures: IntegerTensor;
    zHat: Float32Array;
    sizes: LatentSizes;
    random: Random;
  },
): Promise<IntegerCost> {
  const { model, hyperFeatures, zHat, sizes, random } = integer;
  const [m, height, width] = sizes.y;
  const count = m * height * width;
  const anchor = (i: number) => isAnchor(Math.floor(i / width) % height, i % width);
  const hyper = await runFloatNetwork(float.hyper, { values: zHat, shape: sizes.z });
  const zeros: FloatTensor = { values: new Float32Array(2 * m * height * width), shape: [2 * m, height, width] };
  const anchorParams = floatParameters((await runFloatNetwork(float.parameters, concatFloat(hyper, zeros))).values, 3);
  const anchorDraw = sampleFloat(anchorParams.weights, anchorParams.means, anchorParams.scales, count, random);
  const anchorsHat = anchorDraw.map((v, i) => (anchor(i) ? Math.round(v) : 0));
  const contextFeatures = await runFloatNetwork(float.context, { values: anchorsHat, shape: sizes.y });
  const secondParams = floatParameters(
    (await runFloatNetwork(float.parameters, concatFloat(hyper, contextFeatures))).values,
    3,
  );
  const secondDraw = sampleFloat(secondParams.weights, secondParams.means, secondParams.scales, count, random);
  const y = anchorDraw.map((v, i) => (anchor(i) ? v : secondDraw[i]));
  const yHat = y.map(Math.round);
  const conditional = model.conditional as GaussianMixtureConditional;
  const anchorLikelihood = conditional.likelihood(yHat, {
    ...anchorParams,
    weights: anchorParams.weights as Float32Array,
  });
  const secondLikelihood = conditional.likelihood(yHat, {
    ...secondParams,
    weights: secondParams.weights as Float32Array,
  });
  const floatBits = bitsOf(yHat.map((_, i) => (anchor(i) ? anchorLikelihood[i] : secondLikelihood[i])));
  const coded = await model.compress(y, sizes.y, hyperFeatures);
  return {
    floatBits,
    integerBits: bitsOf(await model.likelihood(coded.yHat, sizes.y, hyperFeatures)),
    codedBits: (coded.streams.anchors.length + coded.streams.nonAnchors.length) * 8,
  };
}
