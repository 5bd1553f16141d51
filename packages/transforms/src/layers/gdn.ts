import { type EdgeReach, SAME_SIZE, type Spatial } from '../module/geometry.js';
import { checkChannels, Layer } from '../module/layer.js';
import type { Parameter } from '../module/parameter.js';
import { gdn } from '../oracle/gdn.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';
import { checkInteger } from './checks.js';
import { NonNegativeParametrizer } from './non-negative-parametrizer.js';

/** Options of {@link GDN}: CompressAI's. */
export interface GdnOptions {
  /** IGDN: multiply by the norm instead of dividing (default false). */
  readonly inverse?: boolean;
  /** Lower bound of the effective β (default 10⁻⁶). */
  readonly betaMin?: number;
  /** The initial γ is `gammaInit · I` (default 0.1). */
  readonly gammaInit?: number;
}

/**
 * Generalized divisive normalization (Ballé, Laparra, Simoncelli 2016,
 * https://arxiv.org/abs/1511.06281), as CompressAI's `GDN`: at each position,
 * `y_i = x_i / √(β_i + Σ_j γ_ij · x_j²)`; the inverse (IGDN) multiplies by the root instead.
 *
 * | paper | state dict | shape |
 * | --- | --- | --- |
 * | β (stored reparametrized) | `beta` | `[C]` |
 * | γ (stored reparametrized) | `gamma` | `[C, C]` (row i: the weights of output i) |
 * | pedestal, bound of β | `beta_reparam.pedestal`, `beta_reparam.lower_bound.bound` | `[1]` |
 * | pedestal, bound of γ | `gamma_reparam.pedestal`, `gamma_reparam.lower_bound.bound` | `[1]` |
 *
 * β and γ are stored as {@link NonNegativeParametrizer} keeps them (β with minimum `betaMin`,
 * γ with minimum 0); {@link effectiveBeta} and {@link effectiveGamma} give the values used. ONNX:
 * `Mul(x, x)` → 1×1 `Conv` with the effective γ and β → `Sqrt` → `Div` (or `Mul` for IGDN).
 * @example
 * ```ts
 * import { GDN } from '@lico/transforms';
 * const gdn = new GDN(4);
 * console.log(gdn.effectiveBeta()[0], gdn.effectiveGamma()[0]); // ≈ 1 and ≈ 0.1
 * ```
 */
export class GDN extends Layer {
  readonly kind = 'GDN';
  readonly inverse: boolean;
  readonly beta: Parameter;
  readonly gamma: Parameter;
  readonly betaReparam: NonNegativeParametrizer;
  readonly gammaReparam: NonNegativeParametrizer;
  readonly gammaInit: number;

  constructor(
    readonly channels: number,
    options: GdnOptions = {},
  ) {
    super();
    checkInteger('channels', channels, 1);
    this.inverse = options.inverse ?? false;
    this.gammaInit = options.gammaInit ?? 0.1;
    // PyTorch registers the parameters before the reparametrizers' buffers come (as children).
    this.beta = this.registerParameter('beta', [channels]);
    this.gamma = this.registerParameter('gamma', [channels, channels]);
    this.betaReparam = this.registerModule('beta_reparam', new NonNegativeParametrizer(options.betaMin ?? 1e-6));
    this.gammaReparam = this.registerModule('gamma_reparam', new NonNegativeParametrizer());
    this.resetParameters();
  }

  override get inputChannels(): number {
    return this.channels;
  }

  /** CompressAI's initialization: β = 1, γ = gammaInit · I, both stored reparametrized. */
  protected override resetParameters(): void {
    const c = this.channels;
    this.beta.data.set(this.betaReparam.init(new Float32Array(c).fill(1)));
    const gamma = new Float32Array(c * c);
    for (let i = 0; i < c; i++) gamma[i * c + i] = this.gammaInit;
    this.gamma.data.set(this.gammaReparam.init(gamma));
  }

  /** The β the layer computes with, `[C]`. */
  effectiveBeta(): Float32Array {
    return this.betaReparam.apply(this.beta.data);
  }

  /** The γ the layer computes with, `[C, C]`. */
  effectiveGamma(): Float32Array {
    return this.gammaReparam.apply(this.gamma.data);
  }

  forward(x: FloatTensor): FloatTensor {
    const { input } = this.shapesOf(x);
    return floatTensor(gdn(x.data, input, this.effectiveBeta(), this.effectiveGamma(), this.inverse), input);
  }

  outputShape(input: Nchw): Nchw {
    checkChannels(this.inverse ? 'IGDN' : 'GDN', input, this.channels);
    return input;
  }

  get spatial(): Spatial {
    return SAME_SIZE;
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return input;
  }
}

/**
 * Inverse GDN: `GDN` with `inverse: true` (CompressAI writes `GDN(C, inverse=True)`); the same
 * state dict names.
 * @example
 * ```ts
 * import { IGDN } from '@lico/transforms';
 * console.log(new IGDN(8).inverse); // true
 * ```
 */
export class IGDN extends GDN {
  constructor(channels: number, options: Omit<GdnOptions, 'inverse'> = {}) {
    super(channels, { ...options, inverse: true });
  }
}
