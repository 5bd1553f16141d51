import type { Backend, BackendName, CdfTables } from '@lico/core';

/** What the entropy model gives a quantizer about each latent. */
export interface EntropyParameters {
  /** The entropy model's table (distribution) of each latent. */
  readonly tableIndexes: Int32Array;
  /** The mean μ each latent is quantized around; 0 when absent. */
  readonly means?: Float32Array;
}

/** A quantizer's result: the indexes to code and what the decoder will reconstruct. */
export interface QuantizedLatents {
  readonly indexes: Int32Array;
  readonly reconstruction: Float32Array;
  /** The CDF table row each index is coded with (see {@link Quantizer.subQuantizers}). */
  readonly codingIndexes: Int32Array;
}

/** Where a kernel runs: a started backend or a name; the best available one when absent. */
export type BackendChoice = Backend | BackendName | undefined;

/**
 * One interface for every quantizer, so a codec swaps one for another by changing one
 * constructor. The entropy model tabulates, for each of its distributions and each of the
 * quantizer's sub-quantizers, the probability of index k as the mass of the distribution over
 * `cell(k, q)`; table row `t · subQuantizers + q` holds distribution t under sub-quantizer q.
 */
export interface Quantizer {
  /** `uniform`, `deadzone`, `tcq4` or `tcq8`. */
  readonly name: string;
  /** Step Δ in latent units. */
  readonly step: number;
  /** 1 for scalar quantizers; 2 for TCQ (Q0 and Q1). */
  readonly subQuantizers: 1 | 2;
  /** The decision cell of index k under sub-quantizer q, relative to the mean. */
  cell(k: number, q: number): readonly [number, number];
  /** Quantizes latents; `tables` are the coding tables built for this quantizer (TCQ's rates). */
  quantize(
    latents: Float32Array,
    params: EntropyParameters & { readonly tables: CdfTables },
    backend?: BackendChoice,
  ): Promise<QuantizedLatents>;
  /** Reconstructs latents from decoded indexes. */
  dequantize(indexes: Int32Array, params: EntropyParameters, backend?: BackendChoice): Promise<Float32Array>;
  /** Decodes the indexes of a stream written with {@link QuantizedLatents.codingIndexes}. */
  decodeIndexes(
    stream: Uint8Array,
    params: EntropyParameters & { readonly tables: CdfTables },
    backend?: BackendChoice,
  ): Promise<Int32Array>;
}
