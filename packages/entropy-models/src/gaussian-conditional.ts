import { type CdfTables, invalidArgument, LicoError } from '@lico/core';
import { encodeWithIndexes } from '@lico/entropy';
import {
  buildQuantizerTables,
  fromFixedLatents,
  GaussianDensity,
  type Quantizer,
  UniformQuantizer,
} from '@lico/quantizers';
import {
  type BackendChoice,
  type CodedSymbols,
  type ConditionalEntropyModel,
  gatherPositions,
  standardNormalDraw,
} from './conditional-model.js';
import type { IntegerTensor } from './integer-network.js';
import { defaultScaleTable, fixedScaleTable, scaleIndexes } from './scale-table.js';

/** What coding one latent tensor needs besides the latents: the model's parameters for it. */
export interface GaussianParameters {
  /** Table index of each latent ({@link GaussianConditional.indexesFor}). */
  readonly scaleIndexes: Int32Array;
  /** Means μ (0 when absent); values of the 2^-8 fixed point keep decisions exact. */
  readonly means?: Float32Array;
  /** `[C, H, W]`, for quantizers whose order depends on it (TCQ per channel or row). */
  readonly shape?: readonly [number, number, number];
}

const standardNormal = new GaussianDensity(1);

/**
 * Gaussian conditional entropy model (mean and scale; Ballé et al. 2018, Minnen et al. 2018):
 * each latent is `N(μ, σ²)` with σ taken from a table of log-spaced scales. Two faces:
 * {@link likelihood} in float for training, and integer coding: scale indexes by an integer
 * rule ({@link indexesFor}), CDF tables built once per scale and quantizer, and any
 * {@link Quantizer} (uniform by default, TCQ to optimize rate and distortion jointly).
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { GaussianConditional } from '@lico/entropy-models';
 *
 * const model = new GaussianConditional();
 * await model.update();
 * const y = Float32Array.from({ length: 1000 }, (_, i) => 3 * Math.sin(i));
 * const scales = new Int32Array(1000).fill(3 * 256); // σ = 3 in the 2^-8 fixed point
 * const params = { scaleIndexes: model.indexesFor(scales) };
 * const { stream, reconstruction } = await model.compress(y, params);
 * const decoded = await model.decompress(stream, params);
 * console.log(stream.length, decoded.every((v, i) => v === reconstruction[i])); // … true
 * ```
 */
export class GaussianConditional implements ConditionalEntropyModel<GaussianParameters> {
  readonly scales: readonly number[];
  readonly fixedScales: Int32Array;
  readonly quantizer: Quantizer;
  private built: CdfTables | undefined;

  /** Whether parameter networks give means besides scales (true unless made with `means: false`). */
  readonly withMeans: boolean;

  constructor(options: { quantizer?: Quantizer; scaleTable?: readonly number[]; means?: boolean } = {}) {
    this.withMeans = options.means ?? true;
    this.scales = options.scaleTable ?? defaultScaleTable();
    this.fixedScales = fixedScaleTable(this.scales);
    this.quantizer = options.quantizer ?? new UniformQuantizer({ step: 1 });
  }

  /** Builds the CDF tables (one per scale and sub-quantizer). Call it before coding. */
  async update(backend?: BackendChoice): Promise<void> {
    this.built = await buildQuantizerTables(
      this.quantizer,
      this.scales.map((s) => new GaussianDensity(s)),
      { backend },
    );
  }

  /** The coding tables; `LICO_CDF_NOT_READY` before {@link update}. */
  get tables(): CdfTables {
    if (!this.built) {
      throw new LicoError('LICO_CDF_NOT_READY', 'GaussianConditional needs its CDF tables; call update() first');
    }
    return this.built;
  }

  /** Scale indexes of fixed-point scales (`round(σ · 2^8)`), in integers only. */
  indexesFor(scales: Int32Array): Int32Array {
    return scaleIndexes(scales, this.fixedScales);
  }

  /**
   * Scale indexes and means from a parameter network's output in the latent fixed point
   * (2^-8), in CompressAI's order (`scales_hat, means_hat = params.chunk(2, 1)`): `[2C, H, W]`,
   * the first C channels the scales, the last C the means; or `[C, H, W]` of scales alone for
   * a model made with `means: false` (the scale hyperprior of `bmshj2018-hyperprior`).
   */
  parametersFrom(output: IntegerTensor): GaussianParameters & { shape: [number, number, number] } {
    const [channels, height, width] = output.shape;
    if (!this.withMeans) {
      return { scaleIndexes: this.indexesFor(output.values), shape: [channels, height, width] };
    }
    if (channels % 2 !== 0) invalidArgument('output', 'an even channel count (scales, then means)', channels);
    const half = (channels / 2) * height * width;
    return {
      scaleIndexes: this.indexesFor(output.values.subarray(0, half)),
      means: fromFixedLatents(output.values.subarray(half)),
      shape: [channels / 2, height, width],
    };
  }

  select(params: GaussianParameters, positions: Int32Array): GaussianParameters {
    return {
      scaleIndexes: gatherPositions(params.scaleIndexes, positions),
      means: params.means && gatherPositions(params.means, positions),
    };
  }

  likelihoodOf(values: Float32Array, params: GaussianParameters): Float32Array {
    return this.likelihood(
      values,
      Float32Array.from(params.scaleIndexes, (s) => this.scales[s]),
      params.means,
    );
  }

  sample(params: GaussianParameters, random: () => number): Float32Array {
    return Float32Array.from(
      params.scaleIndexes,
      (s, i) => (params.means ? params.means[i] : 0) + this.scales[s] * standardNormalDraw(random),
    );
  }

  /**
   * The training face: the probability mass of a cell of width Δ (the quantizer's step)
   * around each value, `Φ((v + Δ/2)/σ) − Φ((v − Δ/2)/σ)` with `v = y − μ`, bounded below by
   * 1e-9 as in CompressAI. Pass `y` plus uniform noise while training, and the quantized
   * latents ŷ to get the probability of what is coded.
   */
  likelihood(y: Float32Array, scales: Float32Array, means?: Float32Array): Float32Array {
    const half = this.quantizer.step / 2;
    return Float32Array.from(y, (value, i) => {
      const v = Math.abs(value - (means ? means[i] : 0));
      const sigma = Math.max(scales[i], this.scales[0]);
      // The upper tail of |v|: subtracting two values near 1 would lose the small ones.
      const p = standardNormal.cdf((half - v) / sigma) - standardNormal.cdf((-half - v) / sigma);
      return Math.max(p, 1e-9);
    });
  }

  /** Quantizes and codes latents; returns the stream and what the decoder will rebuild. */
  async compress(
    y: Float32Array,
    params: GaussianParameters,
    backend?: BackendChoice,
  ): Promise<{ stream: Uint8Array; indexes: Int32Array; reconstruction: Float32Array }> {
    const tables = this.tables;
    const quantizerParams = { ...params, tableIndexes: params.scaleIndexes, tables };
    const quantized = await this.quantizer.quantize(y, quantizerParams, backend);
    const stream = await encodeWithIndexes(quantized.indexes, quantized.codingIndexes, tables, { backend });
    return { stream, indexes: quantized.indexes, reconstruction: quantized.reconstruction };
  }

  /** Decodes a stream of {@link compress} given the same parameters. */
  async decompress(stream: Uint8Array, params: GaussianParameters, backend?: BackendChoice): Promise<Float32Array> {
    const quantizerParams = { ...params, tableIndexes: params.scaleIndexes, tables: this.tables };
    const indexes = await this.quantizer.decodeIndexes(stream, quantizerParams, backend);
    return this.quantizer.dequantize(indexes, quantizerParams, backend);
  }

  async quantizeSymbols(y: Float32Array, params: GaussianParameters, backend?: BackendChoice): Promise<CodedSymbols> {
    const coding = this.symbolTables(params);
    const quantized = await this.quantizer.quantize(y, { ...params, ...coding }, backend);
    return { indexes: quantized.indexes, reconstruction: quantized.reconstruction, ...coding };
  }

  symbolTables(params: GaussianParameters): Pick<CodedSymbols, 'tables' | 'tableIndexes'> {
    if (this.quantizer.subQuantizers !== 1) {
      invalidArgument('quantizer', 'a scalar quantizer for symbol-at-a-time coding', this.quantizer.name);
    }
    return { tables: this.tables, tableIndexes: params.scaleIndexes };
  }

  dequantize(indexes: Int32Array, params: GaussianParameters, backend?: BackendChoice): Promise<Float32Array> {
    return this.quantizer.dequantize(indexes, { ...params, tableIndexes: params.scaleIndexes }, backend);
  }
}
