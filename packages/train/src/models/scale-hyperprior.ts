import { invalidArgument } from '@lico/core';
import { relu } from '../ops/activations.js';
import { conv2d, convTranspose2d } from '../ops/conv.js';
import { abs, constant } from '../ops/elementwise.js';
import {
  entropyBottleneckAuxLoss,
  entropyBottleneckLikelihood,
  entropyBottleneckMedians,
  entropyBottleneckSpecs,
} from '../ops/entropy-bottleneck.js';
import { gdn, nonNegativeInit } from '../ops/gdn.js';
import { gaussianLikelihood } from '../ops/likelihoods.js';
import { quantize, type RandomSource } from '../ops/quantize.js';
import { convSpecs, type ParameterSpec, Parameters } from '../parameters.js';
import type { Variable } from '../variable.js';

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
  /** 'noise' (default) or 'mixed'. */
  readonly quantization?: TrainingQuantization;
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

/** GDN parameters under CompressAI's names, initialized as `GDN(channels)`: beta 1, gamma 0.1·I. */
export function gdnSpecs(prefix: string, channels: number): ParameterSpec[] {
  return [
    { name: `${prefix}.beta`, shape: [channels], init: (d) => d.fill(nonNegativeInit(1)) },
    {
      name: `${prefix}.gamma`,
      shape: [channels, channels],
      init: (d) => {
        for (let i = 0; i < channels; i++)
          for (let j = 0; j < channels; j++) d[i * channels + j] = nonNegativeInit(i === j ? 0.1 : 0);
      },
    },
  ];
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

  constructor(config: ScaleHyperpriorConfig, options: { seed?: number } = {}) {
    for (const key of ['N', 'M'] as const)
      if (!Number.isInteger(config[key]) || config[key] < 1) invalidArgument(key, 'a positive integer', config[key]);
    this.config = { N: config.N, M: config.M };
    this.parameters = Parameters.create(ScaleHyperprior.specs(this.config), options.seed ?? 0);
  }

  /** The parameters of a model with this configuration, in CompressAI's order. */
  static specs({ N, M }: ScaleHyperpriorConfig): ParameterSpec[] {
    const t = { transposed: true };
    return [
      ...convSpecs('g_a.0', 3, N, 5),
      ...gdnSpecs('g_a.1', N),
      ...convSpecs('g_a.2', N, N, 5),
      ...gdnSpecs('g_a.3', N),
      ...convSpecs('g_a.4', N, N, 5),
      ...gdnSpecs('g_a.5', N),
      ...convSpecs('g_a.6', N, M, 5),
      ...convSpecs('g_s.0', M, N, 5, t),
      ...gdnSpecs('g_s.1', N),
      ...convSpecs('g_s.2', N, N, 5, t),
      ...gdnSpecs('g_s.3', N),
      ...convSpecs('g_s.4', N, N, 5, t),
      ...gdnSpecs('g_s.5', N),
      ...convSpecs('g_s.6', N, 3, 5, t),
      ...convSpecs('h_a.0', M, N, 3),
      ...convSpecs('h_a.2', N, N, 5),
      ...convSpecs('h_a.4', N, N, 5),
      ...convSpecs('h_s.0', N, N, 5, t),
      ...convSpecs('h_s.2', N, N, 5, t),
      ...convSpecs('h_s.4', N, M, 3),
      ...entropyBottleneckSpecs('entropy_bottleneck', N),
    ];
  }

  #conv(name: string, x: Variable, stride: number): Variable {
    const weight = this.parameters.get(`${name}.weight`);
    const padding = Math.floor(weight.shape[2] / 2);
    return conv2d(x, weight, this.parameters.get(`${name}.bias`), { stride, padding });
  }

  #deconv(name: string, x: Variable): Variable {
    const weight = this.parameters.get(`${name}.weight`);
    return convTranspose2d(x, weight, this.parameters.get(`${name}.bias`), { stride: 2, padding: 2, outputPadding: 1 });
  }

  #gdn(name: string, x: Variable, inverse: boolean): Variable {
    return gdn(x, this.parameters.get(`${name}.beta`), this.parameters.get(`${name}.gamma`), { inverse });
  }

  /** g_a: image `[N, 3, H, W]` to y `[N, M, H/16, W/16]`. */
  gA(x: Variable): Variable {
    let h = x;
    for (const k of [0, 2, 4]) h = this.#gdn(`g_a.${k + 1}`, this.#conv(`g_a.${k}`, h, 2), false);
    return this.#conv('g_a.6', h, 2);
  }

  /** g_s: ŷ back to an image. */
  gS(yHat: Variable): Variable {
    let h = yHat;
    for (const k of [0, 2, 4]) h = this.#gdn(`g_s.${k + 1}`, this.#deconv(`g_s.${k}`, h), true);
    return this.#deconv('g_s.6', h);
  }

  /** h_a: |y| to z. */
  hA(y: Variable): Variable {
    const h = relu(this.#conv('h_a.2', relu(this.#conv('h_a.0', abs(y), 1)), 2));
    return this.#conv('h_a.4', h, 2);
  }

  /** h_s: ẑ to the scales of y. */
  hS(zHat: Variable): Variable {
    const h = relu(this.#deconv('h_s.2', relu(this.#deconv('h_s.0', zHat))));
    return relu(this.#conv('h_s.4', h, 1));
  }

  /** The training forward pass: x̂ and the likelihoods of y and z. */
  forward(x: Variable, options: ForwardOptions): ModelOutput {
    const mode = options.quantization ?? 'noise';
    const mixed = mode === 'mixed';
    const rounded = mode === 'round';
    const { random } = options;
    const y = this.gA(x);
    const z = this.hA(y);
    const zTilde = rounded ? quantize(z, 'dequantize', { means: this.#medians() }) : quantize(z, 'noise', { random });
    const zLikelihoods = entropyBottleneckLikelihood(zTilde, this.parameters);
    const zHat = mixed ? quantize(z, 'ste', { means: this.#medians() }) : zTilde;
    const scales = this.hS(zHat);
    const yTilde = rounded ? quantize(y, 'dequantize') : quantize(y, 'noise', { random });
    const yLikelihoods = gaussianLikelihood(yTilde, scales);
    const yHat = mixed ? quantize(y, 'ste') : yTilde;
    return { xHat: this.gS(yHat), likelihoods: { y: yLikelihoods, z: zLikelihoods } };
  }

  // The entropy bottleneck's medians broadcast over z (constants: no gradient).
  #medians(): Variable {
    const medians = entropyBottleneckMedians(this.parameters);
    return constant(medians, [1, medians.length, 1, 1]);
  }

  /** The entropy bottleneck's auxiliary loss (trains `entropy_bottleneck.quantiles`). */
  auxLoss(): Variable {
    return entropyBottleneckAuxLoss(this.parameters);
  }
}
