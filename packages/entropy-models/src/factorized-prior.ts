import { type Backend, type BackendName, type CdfTables, invalidArgument, LicoError, seededRandom } from '@lico/core';
import { buildCdfTables, encodeWithIndexes } from '@lico/entropy';
import { UniformQuantizer } from '@lico/quantizers';

type BackendChoice = Backend | BackendName | undefined;

/**
 * Parameters of the factorized prior, with CompressAI's names and shapes so checkpoints map
 * one to one: for each layer k, `matrices[k]` is `_matrix{k}` `[C, f(k+1), f(k)]`, `biases[k]`
 * is `_bias{k}` `[C, f(k+1), 1]`, `factors[k]` is `_factor{k}` `[C, f(k+1), 1]` (all but the
 * last layer), and `quantiles` is `[C, 1, 3]` (lower tail, median, upper tail).
 */
export interface FactorizedPriorParameters {
  readonly channels: number;
  readonly filters: readonly number[];
  readonly matrices: readonly Float32Array[];
  readonly biases: readonly Float32Array[];
  readonly factors: readonly Float32Array[];
  readonly quantiles: Float32Array;
}

const softplus = (x: number) => (x > 20 ? x : Math.log1p(Math.exp(x)));
const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));

/** CompressAI's initialization (`EntropyBottleneck(channels)`: filters (3, 3, 3, 3), init_scale 10). */
export function initialFactorizedPrior(
  channels: number,
  seed = 0,
  filters: readonly number[] = [3, 3, 3, 3],
): FactorizedPriorParameters {
  if (!Number.isInteger(channels) || channels < 1) invalidArgument('channels', 'a positive integer', channels);
  const widths = [1, ...filters, 1];
  const scale = 10 ** (1 / (filters.length + 1));
  const random = seededRandom(seed);
  const matrices: Float32Array[] = [];
  const biases: Float32Array[] = [];
  const factors: Float32Array[] = [];
  for (let k = 0; k < widths.length - 1; k++) {
    const init = Math.log(Math.expm1(1 / scale / widths[k + 1]));
    matrices.push(new Float32Array(channels * widths[k + 1] * widths[k]).fill(init));
    biases.push(Float32Array.from({ length: channels * widths[k + 1] }, () => random() - 0.5));
    if (k < widths.length - 2) factors.push(new Float32Array(channels * widths[k + 1]));
  }
  const quantiles = new Float32Array(channels * 3);
  for (let c = 0; c < channels; c++) quantiles.set([-10, 0, 10], 3 * c);
  return { channels, filters, matrices, biases, factors, quantiles };
}

/**
 * The factorized prior of Ballé et al. 2018 (CompressAI's `EntropyBottleneck`): each channel
 * has its own density, the derivative of a monotone cumulative `c(x) = sigmoid(f(x))` built
 * from softplus-positive matrices and tanh gates. Training uses {@link likelihood}; coding
 * quantizes around each channel's median (held in the latent fixed point, so decisions are
 * exact) and codes with per-channel tables built once by {@link update}.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { FactorizedPrior, initialFactorizedPrior } from '@lico/entropy-models';
 *
 * const prior = new FactorizedPrior(initialFactorizedPrior(4));
 * await prior.update();
 * const z = Float32Array.from({ length: 4 * 64 }, (_, i) => Math.round(Math.sin(i) * 3));
 * const shape = [4, 8, 8] as const;
 * const { stream, reconstruction } = await prior.compress(z, shape);
 * console.log(stream.length, (await prior.decompress(stream, shape)).every((v, i) => v === reconstruction[i]));
 * ```
 */
export class FactorizedPrior {
  private readonly widths: number[];
  private built: { tables: CdfTables; medians: Float32Array } | undefined;

  constructor(readonly parameters: FactorizedPriorParameters) {
    this.widths = [1, ...parameters.filters, 1];
    const { channels, matrices, biases, factors, quantiles } = parameters;
    for (let k = 0; k < this.widths.length - 1; k++) {
      const [rows, cols] = [this.widths[k + 1], this.widths[k]];
      if (matrices[k]?.length !== channels * rows * cols || biases[k]?.length !== channels * rows) {
        invalidArgument(
          `_matrix${k} / _bias${k}`,
          `[${channels}, ${rows}, ${cols}] and [${channels}, ${rows}, 1]`,
          matrices[k],
        );
      }
      if (k < this.widths.length - 2 && factors[k]?.length !== channels * rows) {
        invalidArgument(`_factor${k}`, `[${channels}, ${rows}, 1]`, factors[k]);
      }
    }
    if (quantiles.length !== channels * 3) invalidArgument('quantiles', `[${channels}, 1, 3]`, quantiles);
  }

  /** The logit of channel c's cumulative at x (CompressAI's `_logits_cumulative`). */
  logitsCumulative(c: number, x: number): number {
    let values = [x];
    for (let k = 0; k < this.widths.length - 1; k++) {
      const [rows, cols] = [this.widths[k + 1], this.widths[k]];
      const next = new Array<number>(rows);
      for (let r = 0; r < rows; r++) {
        let sum = this.parameters.biases[k][c * rows + r];
        for (let j = 0; j < cols; j++)
          sum += softplus(this.parameters.matrices[k][(c * rows + r) * cols + j]) * values[j];
        if (k < this.widths.length - 2) sum += Math.tanh(this.parameters.factors[k][c * rows + r]) * Math.tanh(sum);
        next[r] = sum;
      }
      values = next;
    }
    return values[0];
  }

  /** Probability of [x − ½, x + ½] under channel c, computed on the side that keeps precision. */
  private cellMass(c: number, x: number): number {
    const lower = this.logitsCumulative(c, x - 0.5);
    const upper = this.logitsCumulative(c, x + 0.5);
    const sign = lower + upper > 0 ? -1 : 1;
    return Math.abs(sigmoid(sign * upper) - sigmoid(sign * lower));
  }

  /** The training face: likelihood of each value of a `[C, H, W]` tensor, bounded below by 1e-9. */
  likelihood(values: Float32Array, shape: readonly [number, number, number]): Float32Array {
    const plane = shape[1] * shape[2];
    return Float32Array.from(values, (v, i) => Math.max(this.cellMass(Math.floor(i / plane), v), 1e-9));
  }

  /**
   * Values of a `[C, H, W]` tensor drawn from the prior (inverting each channel's cumulative
   * by bisection), for tests and benchmarks. `random` gives uniform numbers in [0, 1).
   */
  sample(shape: readonly [number, number, number], random: () => number): Float32Array {
    const plane = shape[1] * shape[2];
    return Float32Array.from({ length: shape[0] * plane }, (_, i) => {
      const logit = Math.log(1 / Math.min(Math.max(random(), 1e-12), 1 - 1e-12) - 1) * -1;
      let [low, high] = [-1e4, 1e4];
      for (let step = 0; step < 60; step++) {
        const middle = (low + high) / 2;
        if (this.logitsCumulative(Math.floor(i / plane), middle) < logit) low = middle;
        else high = middle;
      }
      return (low + high) / 2;
    });
  }

  /**
   * Parameters whose quantiles sit where CompressAI's auxiliary loss drives them: the points
   * where each channel's cumulative has logit −t, 0 and t, with `t = log(2/10⁻⁹ − 1)` (tails
   * of 10⁻⁹), found by bisection. For imported or untrained models.
   */
  withFittedQuantiles(): FactorizedPriorParameters {
    const target = Math.log(2 / 1e-9 - 1);
    const quantiles = new Float32Array(this.parameters.channels * 3);
    for (let c = 0; c < this.parameters.channels; c++) {
      for (const [j, logit] of [-target, 0, target].entries()) {
        let [low, high] = [-1e6, 1e6];
        for (let step = 0; step < 80; step++) {
          const middle = (low + high) / 2;
          if (this.logitsCumulative(c, middle) < logit) low = middle;
          else high = middle;
        }
        quantiles[3 * c + j] = (low + high) / 2;
      }
    }
    return { ...this.parameters, quantiles };
  }

  /** Channel c's median in the latent fixed point (as a float, exactly representable). */
  private median(c: number): number {
    return Math.round(this.parameters.quantiles[3 * c + 1] * 256) / 256;
  }

  /** Builds one CDF table per channel over its quantile range; the tails go to the escape. */
  async update(backend?: BackendChoice): Promise<void> {
    const { channels, quantiles } = this.parameters;
    const pmfs: number[][] = [];
    const offsets: number[] = [];
    const medians = new Float32Array(channels);
    for (let c = 0; c < channels; c++) {
      const median = this.median(c);
      medians[c] = median;
      const low = Math.floor(quantiles[3 * c] - median);
      const high = Math.ceil(quantiles[3 * c + 2] - median);
      pmfs.push(Array.from({ length: high - low + 1 }, (_, j) => this.cellMass(c, median + low + j)));
      offsets.push(low);
    }
    this.built = { tables: await buildCdfTables(pmfs, { valueOffsets: offsets, backend }), medians };
  }

  private ready(): { tables: CdfTables; medians: Float32Array } {
    if (!this.built)
      throw new LicoError('LICO_CDF_NOT_READY', 'FactorizedPrior needs its CDF tables; call update() first');
    return this.built;
  }

  private codingParameters(shape: readonly [number, number, number]) {
    const { tables, medians } = this.ready();
    const [channels, height, width] = shape;
    if (channels !== this.parameters.channels) invalidArgument('shape', `${this.parameters.channels} channels`, shape);
    const plane = height * width;
    const tableIndexes = Int32Array.from({ length: channels * plane }, (_, i) => Math.floor(i / plane));
    const means = Float32Array.from(tableIndexes, (c) => medians[c]);
    return { tables, tableIndexes, means };
  }

  /** Rounds each value to an integer offset from its channel's median and codes it. */
  async compress(
    values: Float32Array,
    shape: readonly [number, number, number],
    backend?: BackendChoice,
  ): Promise<{ stream: Uint8Array; reconstruction: Float32Array }> {
    const params = this.codingParameters(shape);
    const quantized = await new UniformQuantizer({ step: 1 }).quantize(values, params, backend);
    const stream = await encodeWithIndexes(quantized.indexes, quantized.codingIndexes, params.tables, { backend });
    return { stream, reconstruction: quantized.reconstruction };
  }

  /** Decodes a stream of {@link compress}. */
  async decompress(
    stream: Uint8Array,
    shape: readonly [number, number, number],
    backend?: BackendChoice,
  ): Promise<Float32Array> {
    const params = this.codingParameters(shape);
    const quantizer = new UniformQuantizer({ step: 1 });
    return quantizer.dequantize(await quantizer.decodeIndexes(stream, params, backend), params, backend);
  }
}
