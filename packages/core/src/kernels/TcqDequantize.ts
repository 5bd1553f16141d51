import type { Exactness } from './exactness.js';

/**
 * Reconstruction of trellis-coded indexes: per sequence of `sequenceLength` values, from
 * state 0, value i is reconstructed with the quantizer of the current state (as in
 * TcqQuantize) plus its mean, and the state moves to `T[state][k & 1]`.
 */
export const TcqDequantize = 'TcqDequantize';
export interface TcqDequantizeInputs {
  readonly indexes: Int32Array;
  readonly means?: Int32Array;
}
export interface TcqDequantizeAttrs {
  readonly step: number;
  readonly states: 4 | 8;
  readonly sequenceLength: number;
}
export type TcqDequantizeOutputs = Int32Array;
export const TcqDequantizeExactness: Exactness = 'bit-exact';
