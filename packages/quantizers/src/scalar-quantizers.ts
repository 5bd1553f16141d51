import { type CdfTables, DequantizeScalar, QuantizeScalar, runKernel } from '@lico/core';
import { decodeWithIndexes } from '@lico/entropy';
import { fromFixedLatents, toFixedLatents, toFixedStep } from './fixed-point.js';
import type { BackendChoice, EntropyParameters, QuantizedLatents, Quantizer } from './quantizer.js';

/**
 * Scalar quantization with a rounding offset θ: `k = sign(v)·floor(|v|/Δ + θ)`,
 * `ŷ = k·Δ + μ`, for `v = y − μ` (θ = 1/2 rounds; a smaller θ widens the zero cell).
 */
abstract class ScalarQuantizer implements Quantizer {
  abstract readonly name: string;
  readonly subQuantizers = 1 as const;
  private readonly fixedStep: number;

  constructor(
    readonly step: number,
    private readonly theta: number,
  ) {
    this.fixedStep = toFixedStep(step);
  }

  cell(k: number): readonly [number, number] {
    const zero = (1 - this.theta) * this.step;
    if (k === 0) return [-zero, zero];
    const low = (Math.abs(k) - this.theta) * this.step;
    const high = low + this.step;
    return k > 0 ? [low, high] : [-high, -low];
  }

  async quantize(latents: Float32Array, params: EntropyParameters, backend?: BackendChoice): Promise<QuantizedLatents> {
    const means = params.means ? toFixedLatents(params.means, 'means') : undefined;
    const { indexes, reconstruction } = await runKernel(
      QuantizeScalar,
      { latents: toFixedLatents(latents), means },
      { step: this.fixedStep, rounding: Math.floor(this.theta * this.fixedStep) },
      backend,
    );
    return { indexes, reconstruction: fromFixedLatents(reconstruction), codingIndexes: params.tableIndexes };
  }

  async dequantize(indexes: Int32Array, params: EntropyParameters, backend?: BackendChoice): Promise<Float32Array> {
    const means = params.means ? toFixedLatents(params.means, 'means') : undefined;
    const fixed = await runKernel(DequantizeScalar, { indexes, means }, { step: this.fixedStep }, backend);
    return fromFixedLatents(fixed);
  }

  decodeIndexes(
    stream: Uint8Array,
    params: EntropyParameters & { readonly tables: CdfTables },
    backend?: BackendChoice,
  ): Promise<Int32Array> {
    return decodeWithIndexes(stream, params.tableIndexes, params.tables, { backend });
  }
}

/**
 * Uniform scalar quantization by rounding: `k = round(v/Δ)` (halves away from zero).
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { UniformQuantizer } from '@lico/quantizers';
 * const uniform = new UniformQuantizer({ step: 1 });
 * const tables = { precision: 16, cdf: Uint32Array.of(0, 65536), starts: Uint32Array.of(0, 2), valueOffsets: new Int32Array(1) };
 * const q = await uniform.quantize(Float32Array.of(0.4, -1.6, 2.5), { tableIndexes: new Int32Array(3), tables });
 * console.log(q.indexes); // [0, -2, 3]
 * ```
 */
export class UniformQuantizer extends ScalarQuantizer {
  readonly name = 'uniform';
  constructor(options: { step?: number } = {}) {
    super(options.step ?? 1, 0.5);
  }
}

/** Dead-zone scalar quantization: rounding offset θ < 1/2 toward zero (default 1/3). */
export class DeadZoneQuantizer extends ScalarQuantizer {
  readonly name = 'deadzone';
  constructor(options: { step?: number; theta?: number } = {}) {
    const theta = options.theta ?? 1 / 3;
    if (!(theta >= 0 && theta < 0.5)) throw new RangeError(`DeadZoneQuantizer needs 0 <= theta < 0.5; got ${theta}`);
    super(options.step ?? 1, theta);
  }
}
