import {
  type Backend,
  type BackendName,
  IntConv2d,
  type IntConv2dAttrs,
  intConv2dOutputShape,
  invalidArgument,
  runKernel,
} from '@lico/core';

/** One layer of an integer network: the attributes of an `IntConv2d` call and its tensors. */
export interface IntegerConvLayer
  extends Omit<IntConv2dAttrs, 'inChannels' | 'height' | 'width' | 'outChannels' | 'kernelHeight' | 'kernelWidth'> {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  /** `[out, in, k, k]`, or `[in, out, k, k]` when transposed (PyTorch layouts). */
  readonly weights: Int32Array;
  readonly bias: Int32Array;
}

/** A tensor of the integer path: values and `[channels, height, width]`. */
export interface IntegerTensor {
  readonly values: Int32Array;
  readonly shape: readonly [number, number, number];
}

/**
 * A feed-forward stack of integer convolutions (hyper-synthesis, context and parameter
 * networks in `docs/integer-networks.md`): every layer runs the `IntConv2d` kernel, so
 * every backend computes the same integers.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { IntegerNetwork } from '@lico/entropy-models';
 * const layer = { inChannels: 1, outChannels: 1, kernelSize: 1, stride: 1, padding: 0, transposed: false,
 *   outputPadding: 0, shift: 1, clampMin: 0, clampMax: 255, weights: Int32Array.of(3), bias: Int32Array.of(0) };
 * const out = await new IntegerNetwork([layer]).run({ values: Int32Array.of(1, 2, 3, 4), shape: [1, 2, 2] });
 * console.log(out.values); // [2, 3, 5, 6]: (3x + 1) >> 1
 * ```
 */
export class IntegerNetwork {
  constructor(readonly layers: readonly IntegerConvLayer[]) {
    if (layers.length === 0) invalidArgument('layers', 'at least one layer', layers);
  }

  async run(input: IntegerTensor, backend?: Backend | BackendName): Promise<IntegerTensor> {
    let tensor = input;
    for (const [index, layer] of this.layers.entries()) {
      const [channels, height, width] = tensor.shape;
      if (channels !== layer.inChannels) {
        invalidArgument(`layer ${index} input`, `${layer.inChannels} channels`, channels);
      }
      const { weights, bias, kernelSize, ...rest } = layer;
      const attrs: IntConv2dAttrs = { ...rest, height, width, kernelHeight: kernelSize, kernelWidth: kernelSize };
      const values = await runKernel(IntConv2d, { input: tensor.values, weights, bias }, attrs, backend);
      tensor = { values, shape: intConv2dOutputShape(attrs) };
    }
    return tensor;
  }
}

/** `[a; b]` along channels; the caller ensures both have the same plane. */
export function concatChannels(a: IntegerTensor, b: IntegerTensor): IntegerTensor {
  const values = new Int32Array(a.values.length + b.values.length);
  values.set(a.values);
  values.set(b.values, a.values.length);
  return { values, shape: [a.shape[0] + b.shape[0], a.shape[1], a.shape[2]] };
}
