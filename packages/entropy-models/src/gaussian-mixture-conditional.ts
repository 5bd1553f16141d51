import { ByteReader, ByteWriter, invalidArgument, LicoError } from '@lico/core';
import { encodeWithIndexes } from '@lico/entropy';
import { fromFixedLatents, GaussianDensity, type Quantizer, toFixedStep, UniformQuantizer } from '@lico/quantizers';
import {
  type BackendChoice,
  type CodedSymbols,
  type ConditionalEntropyModel,
  gatherPositions,
  standardNormalDraw,
} from './conditional-model.js';
import type { IntegerTensor } from './integer-network.js';
import { integerSoftmax, MIXTURE_WEIGHT_ONE } from './integer-softmax.js';
import {
  buildMixtureComponentTables,
  type MixtureComponentTables,
  type MixtureParameters,
  mixtureSymbolTables,
} from './mixture-tables.js';
import { defaultScaleTable, fixedScaleTable, scaleIndexes } from './scale-table.js';

/** Symbols per coded chunk: bounds the memory of per-symbol tables (a few MB per chunk). */
const CHUNK_SYMBOLS = 1 << 16;
const standardNormal = new GaussianDensity(1);

/** Float mixture parameters for the training face, component-major like {@link MixtureParameters}. */
export interface MixtureLikelihoodParameters {
  /** Softmax weights. */
  readonly weights: Float32Array;
  readonly means: Float32Array;
  readonly scales: Float32Array;
}

/**
 * Gaussian mixture conditional (Cheng et al., CVPR 2020): each latent's density is
 * `Σ_k π_k N(μ_k, σ_k²)` over K components (3 by default) with softmax weights. Two faces:
 * {@link likelihood} in float for training, and integer coding in which the weights come from
 * an integer softmax, the means are rounded to 1/16 step, the scales pick entries of a
 * log-spaced table, and every symbol gets its own CDF, weighed in integers from tabulated
 * component CDFs (`mixtureSymbolTables`): all backends code and decode the same streams.
 * Latents are quantized without centering (`ŷ = round(y/Δ)·Δ`), as in Cheng et al.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { GaussianMixtureConditional } from '@lico/entropy-models';
 *
 * const model = new GaussianMixtureConditional();
 * await model.update();
 * // Network output for 4 latents: 3 means, 3 scales, 3 logits per latent (2^-8 fixed point).
 * const output = Int32Array.from([
 *   ...[-512, 0, 256, 512], ...[0, 0, 0, 0], ...[512, 512, -256, 0], // means
 *   ...[256, 512, 256, 256], ...[768, 768, 768, 768], ...[128, 128, 2048, 128], // scales
 *   ...[0, 0, 0, 0], ...[256, 256, 256, 256], ...[-256, 0, 0, 512], // logits
 * ]);
 * const params = model.parametersFrom({ values: output, shape: [9, 1, 4] });
 * const { stream, reconstruction } = await model.compress(Float32Array.of(-2.2, 0.4, 1.6, 3.1), params);
 * console.log(stream.length, await model.decompress(stream, params), reconstruction); // decoded = reconstruction
 * ```
 */
export class GaussianMixtureConditional implements ConditionalEntropyModel<MixtureParameters> {
  readonly components: number;
  readonly scales: readonly number[];
  readonly fixedScales: Int32Array;
  readonly quantizer: Quantizer;
  private readonly fixedStep: number;
  private built: MixtureComponentTables | undefined;

  constructor(options: { components?: number; quantizer?: Quantizer; scaleTable?: readonly number[] } = {}) {
    this.components = options.components ?? 3;
    if (!Number.isInteger(this.components) || this.components < 1 || this.components > 16) {
      invalidArgument('components', 'an integer from 1 to 16', this.components);
    }
    this.quantizer = options.quantizer ?? new UniformQuantizer({ step: 1 });
    if (this.quantizer.name !== 'uniform') {
      invalidArgument(
        'quantizer',
        'a UniformQuantizer (mixtures code uncentered indexes, one CDF per symbol)',
        this.quantizer.name,
      );
    }
    this.scales = options.scaleTable ?? defaultScaleTable();
    this.fixedScales = fixedScaleTable(this.scales);
    this.fixedStep = toFixedStep(this.quantizer.step);
  }

  /** Tabulates the component CDFs (scales × 16 mean phases). Call it before coding. */
  async update(): Promise<void> {
    this.built = buildMixtureComponentTables(this.scales, this.quantizer.step);
  }

  private get tables(): MixtureComponentTables {
    if (!this.built) {
      throw new LicoError('LICO_CDF_NOT_READY', 'GaussianMixtureConditional needs its tables; call update() first');
    }
    return this.built;
  }

  /** Scale indexes of fixed-point scales (`round(σ · 2^8)`), in integers only. */
  indexesFor(scales: Int32Array): Int32Array {
    return scaleIndexes(scales, this.fixedScales);
  }

  /**
   * Integer parameters from a parameter network's output `[3K·C, H, W]` in the 2^-8 fixed
   * point: K blocks of C mean channels, then K blocks of scales, then K blocks of weight
   * logits (block k holds component k of every channel).
   */
  parametersFrom(output: IntegerTensor): MixtureParameters & { shape: [number, number, number] } {
    const [channels, height, width] = output.shape;
    const k = this.components;
    if (channels % (3 * k) !== 0) {
      invalidArgument('output', `a channel count divisible by ${3 * k} (means, scales, logits)`, channels);
    }
    const part = (channels / 3) * height * width;
    return {
      means: output.values.slice(0, part),
      scaleIndexes: this.indexesFor(output.values.subarray(part, 2 * part)),
      weights: integerSoftmax(output.values.subarray(2 * part), k),
      shape: [channels / (3 * k), height, width],
    };
  }

  select(params: MixtureParameters, positions: Int32Array): MixtureParameters {
    const k = this.components;
    return {
      weights: gatherPositions(params.weights, positions, k),
      means: gatherPositions(params.means, positions, k),
      scaleIndexes: gatherPositions(params.scaleIndexes, positions, k),
    };
  }

  private checkParameters(params: MixtureParameters, count: number): void {
    for (const name of ['weights', 'means', 'scaleIndexes'] as const) {
      if (params[name].length !== count * this.components) {
        invalidArgument(
          `params.${name}`,
          `${this.components} values per latent (${count * this.components})`,
          params[name].length,
        );
      }
    }
    for (const s of params.scaleIndexes) {
      if (!(s >= 0 && s < this.scales.length))
        invalidArgument('params.scaleIndexes', `indexes below ${this.scales.length}`, s);
    }
  }

  /**
   * The training face: the mixture's mass over each latent's quantization cell,
   * `Σ_k π_k [Φ((v_k + Δ/2)/σ_k) − Φ((v_k − Δ/2)/σ_k)]` with `v_k = y − μ_k`, σ bounded below by
   * the table's smallest scale and the result by 1e-9 (as CompressAI).
   */
  likelihood(y: Float32Array, params: MixtureLikelihoodParameters): Float32Array {
    const count = y.length;
    const half = this.quantizer.step / 2;
    const out = new Float32Array(count);
    for (let i = 0; i < count; i++) {
      let p = 0;
      for (let k = 0; k < this.components; k++) {
        const at = k * count + i;
        const v = Math.abs(y[i] - params.means[at]);
        const sigma = Math.max(params.scales[at], this.scales[0]);
        p += params.weights[at] * (standardNormal.cdf((half - v) / sigma) - standardNormal.cdf((-half - v) / sigma));
      }
      out[i] = Math.max(p, 1e-9);
    }
    return out;
  }

  /** The float face of integer parameters: weights π/2^16, means μ/2^8, scales from the table. */
  floatParameters(params: MixtureParameters): MixtureLikelihoodParameters {
    return {
      weights: Float32Array.from(params.weights, (w) => w / MIXTURE_WEIGHT_ONE),
      means: fromFixedLatents(params.means),
      scales: Float32Array.from(params.scaleIndexes, (s) => this.scales[s]),
    };
  }

  likelihoodOf(values: Float32Array, params: MixtureParameters): Float32Array {
    return this.likelihood(values, this.floatParameters(params));
  }

  sample(params: MixtureParameters, random: () => number): Float32Array {
    const { weights, means, scales } = this.floatParameters(params);
    const count = weights.length / this.components;
    return Float32Array.from({ length: count }, (_, i) => {
      let u = random();
      let k = 0;
      while (k < this.components - 1 && u >= weights[k * count + i]) u -= weights[k++ * count + i];
      return means[k * count + i] + scales[k * count + i] * standardNormalDraw(random);
    });
  }

  /** Quantizes and codes latents with one integer CDF per symbol; returns the stream and ŷ. */
  async compress(
    y: Float32Array,
    params: MixtureParameters,
    backend?: BackendChoice,
  ): Promise<{ stream: Uint8Array; indexes: Int32Array; reconstruction: Float32Array }> {
    this.checkParameters(params, y.length);
    const indexes = new Int32Array(y.length);
    const reconstruction = new Float32Array(y.length);
    const chunks: Uint8Array[] = [];
    for (let begin = 0; begin < y.length; begin += CHUNK_SYMBOLS) {
      const end = Math.min(begin + CHUNK_SYMBOLS, y.length);
      const tables = mixtureSymbolTables(params, this.components, this.tables, this.fixedStep, begin, end);
      const tableIndexes = identity(end - begin);
      const quantized = await this.quantizer.quantize(y.subarray(begin, end), { tableIndexes, tables }, backend);
      chunks.push(await encodeWithIndexes(quantized.indexes, quantized.codingIndexes, tables, { backend }));
      indexes.set(quantized.indexes, begin);
      reconstruction.set(quantized.reconstruction, begin);
    }
    const writer = new ByteWriter();
    for (const chunk of chunks) writer.writeVarUint(chunk.length);
    for (const chunk of chunks) writer.writeBytes(chunk);
    return { stream: writer.finish(), indexes, reconstruction };
  }

  /** Decodes a stream of {@link compress} for `count` latents with the same parameters. */
  async decompress(stream: Uint8Array, params: MixtureParameters, backend?: BackendChoice): Promise<Float32Array> {
    const count = params.weights.length / this.components;
    this.checkParameters(params, count);
    const reader = new ByteReader(stream);
    const lengths = Array.from({ length: Math.ceil(count / CHUNK_SYMBOLS) }, () => reader.readVarUint('chunk length'));
    const out = new Float32Array(count);
    for (const [chunk, length] of lengths.entries()) {
      const begin = chunk * CHUNK_SYMBOLS;
      const end = Math.min(begin + CHUNK_SYMBOLS, count);
      const tables = mixtureSymbolTables(params, this.components, this.tables, this.fixedStep, begin, end);
      const quantizerParams = { tableIndexes: identity(end - begin), tables };
      const indexes = await this.quantizer.decodeIndexes(reader.readBytes(length, 'chunk'), quantizerParams, backend);
      out.set(await this.quantizer.dequantize(indexes, quantizerParams, backend), begin);
    }
    return out;
  }

  async quantizeSymbols(y: Float32Array, params: MixtureParameters, backend?: BackendChoice): Promise<CodedSymbols> {
    const coding = this.symbolTables(params);
    const quantized = await this.quantizer.quantize(y, coding, backend);
    return { indexes: quantized.indexes, reconstruction: quantized.reconstruction, ...coding };
  }

  symbolTables(params: MixtureParameters): Pick<CodedSymbols, 'tables' | 'tableIndexes'> {
    const count = params.weights.length / this.components;
    this.checkParameters(params, count);
    if (count > CHUNK_SYMBOLS) invalidArgument('params', `at most ${CHUNK_SYMBOLS} latents per call`, count);
    const tables = mixtureSymbolTables(params, this.components, this.tables, this.fixedStep, 0, count);
    return { tables, tableIndexes: identity(count) };
  }

  dequantize(indexes: Int32Array, _params: MixtureParameters, backend?: BackendChoice): Promise<Float32Array> {
    return this.quantizer.dequantize(indexes, { tableIndexes: identity(indexes.length) }, backend);
  }
}

function identity(n: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = i;
  return out;
}
