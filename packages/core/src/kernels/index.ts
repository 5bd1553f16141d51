import type { ActivationAttrs, ActivationInputs, ActivationOutputs } from './Activation.js';
import type {
  ActivationBackpropAttrs,
  ActivationBackpropInputs,
  ActivationBackpropOutputs,
} from './ActivationBackprop.js';
import type { AdamUpdateAttrs, AdamUpdateInputs, AdamUpdateOutputs } from './AdamUpdate.js';
import type { Conv2dAttrs, Conv2dInputs, Conv2dOutputs } from './Conv2d.js';
import type {
  Conv2dBackpropFilterAttrs,
  Conv2dBackpropFilterInputs,
  Conv2dBackpropFilterOutputs,
} from './Conv2dBackpropFilter.js';
import type {
  Conv2dBackpropInputAttrs,
  Conv2dBackpropInputInputs,
  Conv2dBackpropInputOutputs,
} from './Conv2dBackpropInput.js';
import type { DequantizeScalarAttrs, DequantizeScalarInputs, DequantizeScalarOutputs } from './DequantizeScalar.js';
import type { GdnAttrs, GdnInputs, GdnOutputs } from './Gdn.js';
import type { GdnBackpropAttrs, GdnBackpropInputs, GdnBackpropOutputs } from './GdnBackprop.js';
import type { IntConv2dAttrs, IntConv2dInputs, IntConv2dOutputs } from './IntConv2d.js';
import type { PmfToQuantizedCdfAttrs, PmfToQuantizedCdfInputs, PmfToQuantizedCdfOutputs } from './PmfToQuantizedCdf.js';
import type { QuantizeScalarAttrs, QuantizeScalarInputs, QuantizeScalarOutputs } from './QuantizeScalar.js';
import type { RansDecodeAttrs, RansDecodeInputs, RansDecodeOutputs } from './RansDecode.js';
import type { RansEncodeAttrs, RansEncodeInputs, RansEncodeOutputs } from './RansEncode.js';
import type { TcqDequantizeAttrs, TcqDequantizeInputs, TcqDequantizeOutputs } from './TcqDequantize.js';
import type { TcqQuantizeAttrs, TcqQuantizeInputs, TcqQuantizeOutputs } from './TcqQuantize.js';

export * from './Activation.js';
export * from './ActivationBackprop.js';
export * from './AdamUpdate.js';
export * from './Conv2d.js';
export * from './Conv2dBackpropFilter.js';
export * from './Conv2dBackpropInput.js';
export * from './DequantizeScalar.js';
export * from './exactness.js';
export * from './fixed-point.js';
export * from './Gdn.js';
export * from './GdnBackprop.js';
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
  Conv2d: { inputs: Conv2dInputs; attrs: Conv2dAttrs; outputs: Conv2dOutputs };
  Conv2dBackpropInput: {
    inputs: Conv2dBackpropInputInputs;
    attrs: Conv2dBackpropInputAttrs;
    outputs: Conv2dBackpropInputOutputs;
  };
  Conv2dBackpropFilter: {
    inputs: Conv2dBackpropFilterInputs;
    attrs: Conv2dBackpropFilterAttrs;
    outputs: Conv2dBackpropFilterOutputs;
  };
  Gdn: { inputs: GdnInputs; attrs: GdnAttrs; outputs: GdnOutputs };
  GdnBackprop: { inputs: GdnBackpropInputs; attrs: GdnBackpropAttrs; outputs: GdnBackpropOutputs };
  Activation: { inputs: ActivationInputs; attrs: ActivationAttrs; outputs: ActivationOutputs };
  ActivationBackprop: {
    inputs: ActivationBackpropInputs;
    attrs: ActivationBackpropAttrs;
    outputs: ActivationBackpropOutputs;
  };
  AdamUpdate: { inputs: AdamUpdateInputs; attrs: AdamUpdateAttrs; outputs: AdamUpdateOutputs };
}
export type KernelName = keyof KernelSignatures;
