import type { Backend, BackendName, CdfTables } from '@lico/core';
import type { Quantizer } from '@lico/quantizers';
import type { IntegerTensor } from './integer-network.js';

export type BackendChoice = Backend | BackendName | undefined;

/** Quantized latents and how each index is coded: its table in a table set. */
export interface CodedSymbols {
  readonly indexes: Int32Array;
  readonly reconstruction: Float32Array;
  readonly tables: CdfTables;
  readonly tableIndexes: Int32Array;
}

/**
 * What the hyperprior and the context models need of the model that codes y given its
 * parameters: {@link GaussianConditional} (parameters: means and scale indexes) and
 * {@link GaussianMixtureConditional} (weights, means and scale indexes of K components)
 * both are one. Parameters come from an integer network, so every backend derives the same.
 */
export interface ConditionalEntropyModel<P> {
  readonly quantizer: Quantizer;
  /** The parameters held in a parameter network's integer output. */
  parametersFrom(output: IntegerTensor): P & { readonly shape: [number, number, number] };
  /** The parameters of the latents at `positions` (flat indexes), in that order. */
  select(params: P, positions: Int32Array): P;
  /** Codes latents with these parameters as one stream. */
  compress(
    y: Float32Array,
    params: P,
    backend?: BackendChoice,
  ): Promise<{ stream: Uint8Array; reconstruction: Float32Array }>;
  /** Decodes {@link compress}'s stream given the same parameters. */
  decompress(stream: Uint8Array, params: P, backend?: BackendChoice): Promise<Float32Array>;
  /**
   * Quantizes latents and says which table codes each index, for coders that interleave
   * symbols of several calls (the autoregressive context). Scalar quantizers only.
   */
  quantizeSymbols(y: Float32Array, params: P, backend?: BackendChoice): Promise<CodedSymbols>;
  /** The tables of {@link quantizeSymbols}, on the decoder side. */
  symbolTables(params: P): Pick<CodedSymbols, 'tables' | 'tableIndexes'>;
  /** Reconstructs latents from decoded indexes. */
  dequantize(indexes: Int32Array, params: P, backend?: BackendChoice): Promise<Float32Array>;
  /** The float likelihood of coded values ŷ under integer parameters: the model's rate estimate. */
  likelihoodOf(values: Float32Array, params: P): Float32Array;
  /** Latents drawn from the densities the parameters describe (tests, benchmarks). */
  sample(params: P, random: () => number): Float32Array;
}

/** A standard normal draw from uniform numbers in [0, 1) (Box–Muller). */
export function standardNormalDraw(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/**
 * The values at positions `at` of each of `blocks` equal component-major blocks
 * (`values[k · count + i]`), in a new array of the same type.
 */
export function gatherPositions<T extends Float32Array | Int32Array>(values: T, at: Int32Array, blocks = 1): T {
  const count = values.length / blocks;
  const out = new (values.constructor as new (n: number) => T)(at.length * blocks);
  for (let k = 0; k < blocks; k++) {
    for (let j = 0; j < at.length; j++) out[k * at.length + j] = values[k * count + at[j]];
  }
  return out;
}
