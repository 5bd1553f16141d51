import { invalidArgument } from '@lico/core';
import { relu } from '../ops/activations.js';
import { abs } from '../ops/elementwise.js';
import { entropyBottleneckAuxLoss, entropyBottleneckSpecs } from '../ops/entropy-bottleneck.js';
import { gaussianLikelihood } from '../ops/likelihoods.js';
import { quantize, type RandomSource } from '../ops/quantize.js';
import { cropSpatial, padReplicate } from '../ops/shape.js';
import { convSpecs, type ParameterSpec, Parameters } from '../parameters.js';
import type { Variable } from '../variable.js';
import { bmshjTransformSpecs, NamedLayers } from './bmshj-transforms.js';
import { sideInformation } from './side-information.js';

/** How a training forward pass quantizes latents. */
export type TrainingQuantization =
  /** Additive uniform noise everywhere (CompressAI's default). */
  | 'noise'
  /** Noise for the rate terms, straight-through rounding for what the decoders read. */
  | 'mixed'
  /**
   * Evaluation: y and z rounded as the codec rounds them (z around the entropy bottleneck's
   * medians), so the likelihoods are the float model's rate of what would be coded.
   */
  | 'round';

/** Options of a training forward pass. */
export interface ForwardOptions {
  /** The noise source (e.g. `seededRandom(seed)`). */
  readonly random: RandomSource;
  /** 'noise' (default), 'mixed' or 'round'. */
  readonly quantization?: TrainingQuantization;
  /** y to use instead of g_a(x): what encoder-side refinement optimizes ({@link refineLatents}). */
  readonly latents?: Variable;
}

/** What a compression model's training forward pass returns (CompressAI's `forward`). */
export interface ModelOutput {
  readonly xHat: Variable;
  /** Likelihoods per latent, e.g. `{ y, z }`. */
  readonly likelihoods: Readonly<Record<string, Variable>>;
}

/** A model that {@link trainStep} can train. */
export interface TrainableModel {
  readonly parameters: Parameters;
  forward(x: Variable, options: ForwardOptions): ModelOutput;
  /** The entropy bottleneck's auxiliary loss, when the model has one. */
  auxLoss?(): Variable;
}

/** N and M of a {@link ScaleHyperprior}. */
export interface ScaleHyperpriorConfig {
  /** Channels of the transforms' hidden layers and of z. */
  readonly N: number;
  /** Channels of y. */
  readonly M: number;
}

/**
 * The scale hyperprior of Ballé, Minnen, Singh, Hwang and Johnston, "Variational image
 * compression with a scale hyperprior" (ICLR 2018, https://arxiv.org/abs/1802.01436), as
 * CompressAI's `ScaleHyperprior` (`bmshj2018-hyperprior`), with its state-dict names:
 *
 * ```text
 * x → g_a → y → |·| → h_a → z → Q → EB (z likelihoods)
 *                                  ↓
 *       x̂ ← g_s ← ŷ ← Q ← y     h_s → σ → GC (y likelihoods)
 * ```
 *
 * | paper | fields |
 * | --- | --- |
 * | g_a: conv(3,N,5,2) GDN conv(N,N) GDN conv(N,N) GDN conv(N,M) | `g_a.{0,2,4,6}`, GDN `g_a.{1,3,5}` |
 * | g_s: deconv(M,N) IGDN deconv(N,N) IGDN deconv(N,N) IGDN deconv(N,3) | `g_s.{0,2,4,6}`, IGDN `g_s.{1,3,5}` |
 * | h_a: conv(M,N,3,1) ReLU conv(N,N,5,2) ReLU conv(N,N,5,2) | `h_a.{0,2,4}` |
 * | h_s: deconv(N,N) ReLU deconv(N,N) ReLU conv(N,M,3,1) ReLU | `h_s.{0,2,4}` |
 * | factorized prior of z | `entropy_bottleneck.*` |
 */
export class ScaleHyperprior implements TrainableModel {
  /** CompressAI's model id. */
  static readonly id = 'bmshj2018-hyperprior';
  readonly config: ScaleHyperpriorConfig;
  readonly parameters: Parameters;
  readonly #layers: NamedLayers;

  /** `frozen`: parameters without gradients (see `Parameters.create`). */
  constructor(config: ScaleHyperpriorConfig, options: { seed?: number; frozen?: boolean } = {}) {
    for (const key of ['N', 'M'] as const)
      if (!Number.isInteger(config[key]) || config[key] < 1) invalidArgument(key, 'a positive integer', config[key]);
    this.config = { N: config.N, M: config.M };
    this.parameters = Parameters.create(ScaleHyperprior.specs(this.config), options.seed ?? 0, {
      frozen: options.frozen,
    });
    this.#layers = new NamedLayers(this.parameters);
  }

  /** The parameters of a model with this configuration, in CompressAI's order. */
  static specs({ N, M }: ScaleHyperpriorConfig): ParameterSpec[] {
    const t = { transposed: true };
    return [
      ...bmshjTransformSpecs(N, M),
      ...convSpecs('h_a.0', M, N, 3),
      ...convSpecs('h_a.2', N, N, 5),
      ...convSpecs('h_a.4', N, N, 5),
      ...convSpecs('h_s.0', N, N, 5, t),
      ...convSpecs('h_s.2', N, N, 5, t),
      ...convSpecs('h_s.4', N, M, 3),
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

  /** h_a: |y| to z. */
  hA(y: Variable): Variable {
    const h = relu(this.#layers.conv('h_a.2', relu(this.#layers.conv('h_a.0', abs(y), 1)), 2));
    return this.#layers.conv('h_a.4', h, 2);
  }

  /** h_s: ẑ to the scales of y. */
  hS(zHat: Variable): Variable {
    const h = relu(this.#layers.deconv('h_s.2', relu(this.#layers.deconv('h_s.0', zHat))));
    return relu(this.#layers.conv('h_s.4', h, 1));
  }

  /** The training forward pass: x̂ and the likelihoods of y and z. */
  forward(x: Variable, options: ForwardOptions): ModelOutput {
    const mode = options.quantization ?? 'noise';
    const mixed = mode === 'mixed';
    const rounded = mode === 'round';
    const { random } = options;
    const y = options.latents ?? this.gA(x);
    // As the codec: h_a reads y padded to a multiple of 4 (its edge repeated), and what h_s makes
    // of ẑ is cropped back to y's plane (no-ops for training crops, multiples of 64).
    const z = this.hA(padReplicate(y, 4));
    const { zLikelihoods, zHat } = sideInformation(z, this.parameters, options);
    const scales = cropSpatial(this.hS(zHat), y.shape[2], y.shape[3]);
    const yTilde = rounded ? quantize(y, 'dequantize') : quantize(y, 'noise', { random });
    const yLikelihoods = gaussianLikelihood(yTilde, scales);
    const yHat = mixed ? quantize(y, 'ste') : yTilde;
    return { xHat: this.gS(yHat), likelihoods: { y: yLikelihoods, z: zLikelihoods } };
  }

  /** The entropy bottleneck's auxiliary loss (trains `entropy_bottleneck.quantiles`). */
  auxLoss(): Variable {
    return entropyBottleneckAuxLoss(this.parameters);
  }
}
