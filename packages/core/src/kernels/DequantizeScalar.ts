import type { Exactness } from './exactness.js';

/** Scalar reconstruction in fixed point: `indexes[i] · step + means[i]` (means 0 when absent). */
export const DequantizeScalar = 'DequantizeScalar';
export interface DequantizeScalarInputs {
  readonly indexes: Int32Array;
  readonly means?: Int32Array;
}
export interface DequantizeScalarAttrs {
  readonly step: number;
}
export type DequantizeScalarOutputs = Int32Array;
export const DequantizeScalarExactness: Exactness = 'bit-exact';
