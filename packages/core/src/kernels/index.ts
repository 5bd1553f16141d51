import type { PmfToQuantizedCdfAttrs, PmfToQuantizedCdfInputs, PmfToQuantizedCdfOutputs } from './PmfToQuantizedCdf.js';
import type { RansDecodeAttrs, RansDecodeInputs, RansDecodeOutputs } from './RansDecode.js';
import type { RansEncodeAttrs, RansEncodeInputs, RansEncodeOutputs } from './RansEncode.js';

export * from './exactness.js';
export * from './PmfToQuantizedCdf.js';
export * from './RansDecode.js';
export * from './RansEncode.js';

/** Inputs, attributes and outputs of every kernel contract, by name. */
export interface KernelSignatures {
  RansEncode: { inputs: RansEncodeInputs; attrs: RansEncodeAttrs; outputs: RansEncodeOutputs };
  RansDecode: { inputs: RansDecodeInputs; attrs: RansDecodeAttrs; outputs: RansDecodeOutputs };
  PmfToQuantizedCdf: {
    inputs: PmfToQuantizedCdfInputs;
    attrs: PmfToQuantizedCdfAttrs;
    outputs: PmfToQuantizedCdfOutputs;
  };
}
export type KernelName = keyof KernelSignatures;
