import {
  type CdfTables,
  invalidArgument,
  MAX_TCQ_BIT_COST,
  runKernel,
  TCQ_TRANSITIONS,
  TcqDequantize,
  TcqQuantize,
  tcqQuantizerOf,
} from '@lico/core';
import { RansSymbolDecoder } from '@lico/entropy';
import { fromFixedLatents, toFixedLatents, toFixedStep } from './fixed-point.js';
import type { BackendChoice, EntropyParameters, QuantizedLatents, Quantizer } from './quantizer.js';
import { tcqRateTables } from './tcq-rates.js';

/** Latent layout and trellis order: sequences are channels (H·W values) or rows (W values). */
export interface TcqLayout {
  /** `[C, H, W]` of latents stored channel by channel; absent: one sequence over all values. */
  readonly shape?: readonly [number, number, number];
}

/**
 * Trellis-coded (dependent) quantization, as in VVC: two scalar quantizers, Q0 with levels
 * 2kΔ and Q1 with levels (2k − sgn k)Δ, chosen per value by a 4- or 8-state machine driven by
 * the parity of the previous index. The encoder runs a Viterbi search over each sequence
 * minimizing `J = D + λR`, where R is the code length of each index under the entropy model's
 * table for the state's quantizer and D the squared error in the latent domain. The decoder
 * follows the states in coding order, so it knows each index's table before decoding it.
 * Every rule is integer arithmetic (the `TcqQuantize` contract): all backends decide alike.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { GaussianDensity, TcqQuantizer, buildQuantizerTables } from '@lico/quantizers';
 * import { encodeWithIndexes } from '@lico/entropy';
 *
 * const tcq = new TcqQuantizer({ step: 0.5, lambda: 0.05, states: 8 });
 * const tables = await buildQuantizerTables(tcq, [new GaussianDensity(1)]);
 * const latents = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i) * 1.5);
 * const params = { tableIndexes: new Int32Array(latents.length), tables };
 * const q = await tcq.quantize(latents, params);
 * const stream = await encodeWithIndexes(q.indexes, q.codingIndexes, tables);
 * const indexes = await tcq.decodeIndexes(stream, params);
 * console.log((await tcq.dequantize(indexes, params)).every((v, i) => v === q.reconstruction[i])); // true
 * ```
 */
export class TcqQuantizer implements Quantizer {
  readonly name: 'tcq4' | 'tcq8';
  readonly subQuantizers = 2 as const;
  readonly step: number;
  readonly lambda: number;
  readonly states: 4 | 8;
  readonly order: 'channel' | 'row';
  private readonly fixedStep: number;

  constructor(options: { step?: number; lambda: number; states?: 4 | 8; order?: 'channel' | 'row' }) {
    this.step = options.step ?? 1;
    this.fixedStep = toFixedStep(this.step);
    this.states = options.states ?? 8;
    if (this.states !== 4 && this.states !== 8) invalidArgument('states', '4 or 8', this.states);
    this.lambda = options.lambda;
    if (!(this.lambda >= 0 && Math.round(this.lambda * 2 ** 16) <= MAX_TCQ_BIT_COST)) {
      invalidArgument('lambda', 'a number from 0 to 64 (latent² per bit)', this.lambda);
    }
    this.order = options.order ?? 'channel';
    this.name = this.states === 4 ? 'tcq4' : 'tcq8';
  }

  cell(k: number, q: number): readonly [number, number] {
    const d = this.step;
    const a = Math.abs(k);
    let low: number;
    let high: number;
    if (q === 0) [low, high] = [(2 * a - 1) * d, (2 * a + 1) * d];
    else if (a === 0) [low, high] = [-d / 2, d / 2];
    else [low, high] = [a === 1 ? d / 2 : (2 * a - 2) * d, 2 * a * d];
    if (a === 0) return [low, high];
    return k > 0 ? [low, high] : [-high, -low];
  }

  /** Values per trellis sequence for `count` latents laid out as `layout`. */
  sequenceLength(count: number, layout: TcqLayout = {}): number {
    if (!layout.shape) return Math.max(1, count);
    const [channels, height, width] = layout.shape;
    if (channels * height * width !== count) {
      invalidArgument('shape', `[C, H, W] with C·H·W = ${count} latents`, layout.shape);
    }
    return Math.max(1, this.order === 'channel' ? height * width : width);
  }

  async quantize(
    latents: Float32Array,
    params: EntropyParameters & TcqLayout & { readonly tables: CdfTables },
    backend?: BackendChoice,
  ): Promise<QuantizedLatents> {
    const means = params.means ? toFixedLatents(params.means, 'means') : undefined;
    const sequenceLength = this.sequenceLength(latents.length, params);
    const { indexes, reconstruction } = await runKernel(
      TcqQuantize,
      {
        latents: toFixedLatents(latents),
        means,
        tableIndexes: params.tableIndexes,
        rates: tcqRateTables(params.tables, this.lambda),
      },
      { step: this.fixedStep, states: this.states, sequenceLength, bitCost: Math.round(this.lambda * 2 ** 16) },
      backend,
    );
    return {
      indexes,
      reconstruction: fromFixedLatents(reconstruction),
      codingIndexes: this.codingIndexes(indexes, params.tableIndexes, sequenceLength),
    };
  }

  /** The table row of each index: `2·table + q(state)`, following the states in coding order. */
  codingIndexes(indexes: Int32Array, tableIndexes: Int32Array, sequenceLength: number): Int32Array {
    const transitions = TCQ_TRANSITIONS[this.states];
    const rows = new Int32Array(indexes.length);
    let state = 0;
    for (let i = 0; i < indexes.length; i++) {
      if (i % sequenceLength === 0) state = 0;
      rows[i] = 2 * tableIndexes[i] + tcqQuantizerOf(this.states, state);
      state = transitions[state][indexes[i] & 1];
    }
    return rows;
  }

  async dequantize(
    indexes: Int32Array,
    params: EntropyParameters & TcqLayout,
    backend?: BackendChoice,
  ): Promise<Float32Array> {
    const means = params.means ? toFixedLatents(params.means, 'means') : undefined;
    const sequenceLength = this.sequenceLength(indexes.length, params);
    const fixed = await runKernel(
      TcqDequantize,
      { indexes, means },
      { step: this.fixedStep, states: this.states, sequenceLength },
      backend,
    );
    return fromFixedLatents(fixed);
  }

  /**
   * Decodes indexes symbol by symbol, each with the table of its state's quantizer (the state
   * follows the parity of the index decoded before it).
   */
  async decodeIndexes(
    stream: Uint8Array,
    params: EntropyParameters & TcqLayout & { readonly tables: CdfTables },
  ): Promise<Int32Array> {
    const { tableIndexes, tables } = params;
    const sequenceLength = this.sequenceLength(tableIndexes.length, params);
    const transitions = TCQ_TRANSITIONS[this.states];
    const decoder = new RansSymbolDecoder(stream, { symbolCount: tableIndexes.length, precision: tables.precision });
    const indexes = new Int32Array(tableIndexes.length);
    let state = 0;
    for (let i = 0; i < indexes.length; i++) {
      if (i % sequenceLength === 0) state = 0;
      const k = decoder.decode(tables, 2 * tableIndexes[i] + tcqQuantizerOf(this.states, state));
      indexes[i] = k;
      state = transitions[state][k & 1];
    }
    decoder.finish();
    return indexes;
  }
}
