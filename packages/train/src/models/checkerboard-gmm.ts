import { invalidArgument } from '@lico/core';
import { defaultScaleTable, fixedScaleTable, meanInPhases, scaleIndexes } from '@lico/entropy-models';
import { leakyRelu, relu } from '../ops/activations.js';
import { maskedConv2d } from '../ops/conv.js';
import { add, constant, mul } from '../ops/elementwise.js';
import { entropyBottleneckAuxLoss, entropyBottleneckSpecs } from '../ops/entropy-bottleneck.js';
import { gaussianMixtureLikelihood } from '../ops/likelihoods.js';
import { quantize } from '../ops/quantize.js';
import { concat, cropSpatial, padReplicate, softmaxChannels, split } from '../ops/shape.js';
import { convSpecs, type ParameterSpec, Parameters } from '../parameters.js';
import type { Variable } from '../variable.js';
import { bmshjTransformSpecs, NamedLayers } from './bmshj-transforms.js';
import type { ForwardOptions, ModelOutput, TrainableModel } from './scale-hyperprior.js';
import { sideInformation } from './side-information.js';

/** N and M of a {@link CheckerboardGmm}. */
export interface CheckerboardGmmConfig {
  /** Channels of the transforms' hidden layers and of z. */
  readonly N: number;
  /** Channels of y; a multiple of 3 (the parameter network's widths are 10M/3 and 8M/3). */
  readonly M: number;
}

/** Mixture components. */
const K = 3;

/** The checkerboard mask of a 5×5 kernel: taps whose row plus column is odd (He et al. 2021). */
function checkerboardMask(outChannels: number, inChannels: number): Float32Array {
  const mask = new Float32Array(outChannels * inChannels * 25);
  for (let k = 0; k < mask.length; k++) {
    const tap = k % 25;
    mask[k] = (Math.floor(tap / 5) + (tap % 5)) % 2 === 1 ? 1 : 0;
  }
  return mask;
}

const SCALES = defaultScaleTable();
const FIXED_SCALES = fixedScaleTable(SCALES);

/** Scales as the coder's integer rule picks them from the scale table (a constant). */
function tabledScales(scales: Variable): Variable {
  const fixed = Int32Array.from(scales.data, (s) => Math.floor(s * 256 + 0.5));
  return constant(
    Float32Array.from(scaleIndexes(fixed, FIXED_SCALES), (i) => SCALES[i]),
    scales.shape,
  );
}

/** Means rounded to 1/16, as the mixture's tables resolve them (a constant). */
function tabledMeans(means: Variable): Variable {
  return constant(
    means.data.map((m) => meanInPhases(Math.floor(m * 256 + 0.5), 256) / 16),
    means.shape,
  );
}

/** 1 at the anchors (row + column even) of an `[n, c, h, w]` tensor, 0 elsewhere. */
function anchorMask(shape: readonly number[]): Float32Array {
  const [n, c, h, w] = shape;
  const mask = new Float32Array(n * c * h * w);
  for (let k = 0; k < mask.length; k++) {
    const row = Math.floor(k / w) % h;
    mask[k] = (row + (k % w)) % 2 === 0 ? 1 : 0;
  }
  return mask;
}

/**
 * Lico's default model, `lico-checkerboard-gmm`, in training form: the transforms of Ballé et
 * al. 2018 (bmshj2018), the mean-scale hyperprior's h_a, a hyper-synthesis that gives features
 * (ReLU, so that it runs as an integer network), the checkerboard context of He et al. (CVPR
 * 2021) and a K = 3 Gaussian mixture (Cheng et al., CVPR 2020). Names as `@lico/models`'
 * architecture of the same id, so trained weights load there:
 *
 * | part | fields |
 * | --- | --- |
 * | g_a, g_s | as `bmshj2018-hyperprior` |
 * | h_a: conv(M,N,3,1) LeakyReLU conv(N,N,5,2) LeakyReLU conv(N,N,5,2) | `h_a.{0,2,4}` |
 * | h_s: deconv(N,M) ReLU deconv(M,3M/2) ReLU conv(3M/2,2M,3,1) ReLU | `h_s.{0,2,4}` |
 * | context: checkerboard-masked conv(M,2M,5) over the anchors of ŷ | `context_prediction` |
 * | parameters: 1×1 convs 4M → 10M/3 → 8M/3 → 9M (ReLU between) | `entropy_parameters.{0,2,4}` |
 *
 * Anchors (row + column even) get parameters from `[h_s; 0]`, the other positions from
 * `[h_s; context(anchors of ŷ)]`, as the two decoding passes will. The 9M outputs are K blocks of
 * means, K of scales and K of weight logits, M channels each. ŷ is rounded without centering
 * (the mixture has no single mean), so the decoder and the context read `round(y)`.
 */
export class CheckerboardGmm implements TrainableModel {
  /** The architecture id in `@lico/models`. */
  static readonly id = 'lico-checkerboard-gmm';
  readonly config: CheckerboardGmmConfig;
  readonly parameters: Parameters;
  readonly #layers: NamedLayers;
  readonly #contextMask: Float32Array;

  /** `frozen`: parameters without gradients (see `Parameters.create`). */
  constructor(config: CheckerboardGmmConfig, options: { seed?: number; frozen?: boolean } = {}) {
    for (const key of ['N', 'M'] as const)
      if (!Number.isInteger(config[key]) || config[key] < 1) invalidArgument(key, 'a positive integer', config[key]);
    if (config.M % 6 !== 0) invalidArgument('M', 'a multiple of 6 (3M/2, 10M/3 and 8M/3 are widths)', config.M);
    this.config = { N: config.N, M: config.M };
    this.parameters = Parameters.create(CheckerboardGmm.specs(this.config), options.seed ?? 0, {
      frozen: options.frozen,
    });
    this.#layers = new NamedLayers(this.parameters);
    this.#contextMask = checkerboardMask(2 * config.M, config.M);
  }

  /** The parameters of a model with this configuration, in the architecture's order. */
  static specs({ N, M }: CheckerboardGmmConfig): ParameterSpec[] {
    const t = { transposed: true };
    return [
      ...bmshjTransformSpecs(N, M),
      ...convSpecs('h_a.0', M, N, 3),
      ...convSpecs('h_a.2', N, N, 5),
      ...convSpecs('h_a.4', N, N, 5),
      ...convSpecs('h_s.0', N, M, 5, t),
      ...convSpecs('h_s.2', M, (3 * M) / 2, 5, t),
      ...convSpecs('h_s.4', (3 * M) / 2, 2 * M, 3),
      ...convSpecs('context_prediction', M, 2 * M, 5),
      ...convSpecs('entropy_parameters.0', 4 * M, (10 * M) / 3, 1),
      ...convSpecs('entropy_parameters.2', (10 * M) / 3, (8 * M) / 3, 1),
      ...convSpecs('entropy_parameters.4', (8 * M) / 3, 3 * K * M, 1),
      ...entropyBottleneckSpecs('entropy_bottleneck', N),
    ];
  }

  /** g_a: image `[N, 3, H, W]` to y `[N, M, H/16, W/16]`. */
  gA(x: Variable): Variable {
    return this.#layers.gA(x);
  }

  /** g_s: ŷ back to an image. */
  gS(yHat: Variable): Variable {
    return this.#layers.gS(yHat);
  }

  /** h_a: y to z. */
  hA(y: Variable): Variable {
    const h = leakyRelu(this.#layers.conv('h_a.2', leakyRelu(this.#layers.conv('h_a.0', y, 1)), 2));
    return this.#layers.conv('h_a.4', h, 2);
  }

  /** h_s: ẑ to the hyper features `[N, 2M, H/16, W/16]`. */
  hS(zHat: Variable): Variable {
    const h = relu(this.#layers.deconv('h_s.2', relu(this.#layers.deconv('h_s.0', zHat))));
    return relu(this.#layers.conv('h_s.4', h, 1));
  }

  /** The mixture parameters from `[hyper; context]`: weights (softmax), means and scales. */
  #mixture(hyper: Variable, context: Variable) {
    let h = relu(this.#layers.conv('entropy_parameters.0', concat([hyper, context]), 1));
    h = relu(this.#layers.conv('entropy_parameters.2', h, 1));
    return this.#layers.conv('entropy_parameters.4', h, 1);
  }

  /** The training forward pass: x̂ and the likelihoods of y and z. */
  forward(x: Variable, options: ForwardOptions): ModelOutput {
    const mode = options.quantization ?? 'noise';
    const mixed = mode === 'mixed';
    const rounded = mode === 'round';
    const { random } = options;
    const { M } = this.config;
    const y = options.latents ?? this.gA(x);
    // As the codec: h_a reads y padded to a multiple of 4 (its edge repeated), and what h_s makes
    // of ẑ is cropped back to y's plane (no-ops for training crops, multiples of 64).
    const z = this.hA(padReplicate(y, 4));
    const { zLikelihoods, zHat } = sideInformation(z, this.parameters, options);
    const hyper = cropSpatial(this.hS(zHat), y.shape[2], y.shape[3]);
    const yTilde = rounded ? quantize(y, 'dequantize') : quantize(y, 'noise', { random });
    const yHat = mixed ? quantize(y, 'ste') : yTilde;
    const anchors = anchorMask(y.shape);
    const nonAnchors = anchors.map((a) => 1 - a);
    const context = maskedConv2d(
      mul(yHat, constant(anchors, y.shape)),
      this.parameters.get('context_prediction.weight'),
      this.parameters.get('context_prediction.bias'),
      this.#contextMask,
      { padding: 2 },
    );
    const zeros = constant(new Float32Array(context.size), context.shape);
    const anchorParams = this.#mixture(hyper, zeros);
    const nonAnchorParams = this.#mixture(hyper, context);
    const paramShape = anchorParams.shape;
    const select = (mask: Float32Array) => {
      const [n, , h, w] = paramShape;
      const plane = h * w;
      const wide = new Float32Array(anchorParams.size);
      // The position mask, repeated over the 9M parameter channels.
      for (let b = 0; b < n; b++)
        for (let c = 0; c < 3 * K * M; c++)
          wide.set(mask.subarray(b * M * plane, b * M * plane + plane), (b * 3 * K * M + c) * plane);
      return constant(wide, paramShape);
    };
    const params = add(mul(anchorParams, select(anchors)), mul(nonAnchorParams, select(nonAnchors)));
    let [means, scales, logits] = split(params, [K * M, K * M, K * M]);
    // Evaluation: the parameters as the codec's tables resolve them (σ to the nearest entry of
    // the scale table, μ to 1/16), so the rate is the float networks' rate under Lico's coder.
    if (rounded) [means, scales] = [tabledMeans(means), tabledScales(scales)];
    const yLikelihoods = gaussianMixtureLikelihood(yTilde, softmaxChannels(logits, K), means, scales);
    return { xHat: this.gS(yHat), likelihoods: { y: yLikelihoods, z: zLikelihoods } };
  }

  /** The entropy bottleneck's auxiliary loss (trains `entropy_bottleneck.quantiles`). */
  auxLoss(): Variable {
    return entropyBottleneckAuxLoss(this.parameters);
  }
}
