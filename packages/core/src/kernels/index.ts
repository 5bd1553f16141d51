import type { DequantizeScalarAttrs, DequantizeScalarInputs, DequantizeScalarOutputs } from './DequantizeScalar.js';
import type { IntConv2dAttrs, IntConv2dInputs, IntConv2dOutputs } from './IntConv2d.js';
import type { PmfToQuantizedCdfAttrs, PmfToQuantizedCdfInputs, PmfToQuantizedCdfOutputs } from './PmfToQuantizedCdf.js';
import type { QuantizeScalarAttrs, QuantizeScalarInputs, QuantizeScalarOutputs } from './QuantizeScalar.js';
import type { RansDecodeAttrs, RansDecodeInputs, RansDecodeOutputs } from './RansDecode.js';
import type { RansEncodeAttrs, RansEncodeInputs, RansEncodeOutputs } from './RansEncode.js';
import type { TcqDequantizeAttrs, TcqDequantizeInputs, TcqDequantizeOutputs } from './TcqDequantize.js';
import type { TcqQuantizeAttrs, TcqQuantizeInputs, TcqQuantizeOutputs } from './TcqQuantize.js';

export * from './DequantizeScalar.js';
export * from './exactness.js';
export * from './fixed-point.js';
export * from './IntConv2d.js';
export * from './PmfToQuantizedCdf.js';
export * from './QuantizeScalar.js';
export * from './RansDecode.js';
export * from './RansEncode.js';
export * from './TcqDequantize.js';
export * from './TcqQuantize.js';

/** Inputs, attributes and outputs of every kernel contract, by name. */
export interface KernelSignatures {
  RansEncode: { inputs: RansEncodeInputs; attrs: RansEncodeAttrs; outputs: RansEncodeOutputs };
  RansDecode: { inputs: RansDecodeInputs; attrs: RansDecodeAttrs; outputs: RansDecodeOutputs };
  QuantizeScalar: { inputs: QuantizeScalarInputs; attrs: QuantizeScalarAttrs; outputs: QuantizeScalarOutputs };
  IntConv2d: { inputs: IntConv2dInputs; attrs: IntConv2dAttrs; outputs: IntConv2dOutputs };
  DequantizeScalar: { inputs: DequantizeScalarInputs; attrs: DequantizeScalarAttrs; outputs: DequantizeScalarOutputs };
  TcqQuantize: { inputs: TcqQuantizeInputs; attrs: TcqQuantizeAttrs; outputs: TcqQuantizeOutputs };
  TcqDequantize: { inputs: TcqDequantizeInputs; attrs: TcqDequantizeAttrs; outputs: TcqDequantizeOutputs };
  PmfToQuantizedCdf: {
    inputs: PmfToQuantizedCdfInputs;
    attrs: PmfToQuantizedCdfAttrs;
    outputs: PmfToQuantizedCdfOutputs;
  };
}
export type KernelName = keyof KernelSignatures;
