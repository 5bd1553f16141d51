import { invalidArgument, LicoError } from './errors.js';
import type { IntConv2dAttrs, IntConv2dInputs } from './kernels/IntConv2d.js';

/** Most elements of an IntConv2d input, weight or output tensor. */
const MAX_ELEMENTS = 2 ** 28;

const positive = (name: string, value: number) => {
  if (!Number.isInteger(value) || value < 1) invalidArgument(name, 'a positive integer', value);
};

function maxAbs(values: Int32Array): number {
  // Track the extremes with plain comparisons: this scan runs on every call, over every weight.
  let low = 0;
  let high = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (v < low) low = v;
    else if (v > high) high = v;
  }
  return Math.max(high, -low);
}

/** The output size of an IntConv2d: `[outChannels, outHeight, outWidth]`. */
export function intConv2dOutputShape(attrs: IntConv2dAttrs): [number, number, number] {
  const { height, width, kernelHeight, kernelWidth, stride, padding, transposed, outputPadding } = attrs;
  const size = (n: number, k: number) =>
    transposed ? (n - 1) * stride - 2 * padding + k + outputPadding : Math.floor((n + 2 * padding - k) / stride) + 1;
  return [attrs.outChannels, size(height, kernelHeight), size(width, kernelWidth)];
}

/**
 * Checks shared by every backend's IntConv2d: shapes, attributes, and the bound that keeps the
 * int32 accumulators exact (`LICO_LIMIT_EXCEEDED` when the values could overflow).
 */
export function checkIntConv2dInputs(inputs: IntConv2dInputs, attrs: IntConv2dAttrs): [number, number, number] {
  const { input, weights, bias } = inputs;
  for (const name of [
    'inChannels',
    'height',
    'width',
    'outChannels',
    'kernelHeight',
    'kernelWidth',
    'stride',
  ] as const) {
    positive(name, attrs[name]);
  }
  if (!Number.isInteger(attrs.padding) || attrs.padding < 0)
    invalidArgument('padding', 'an integer ≥ 0', attrs.padding);
  if (
    !Number.isInteger(attrs.outputPadding) ||
    attrs.outputPadding < 0 ||
    (attrs.outputPadding > 0 && !attrs.transposed) ||
    attrs.outputPadding >= attrs.stride
  ) {
    invalidArgument('outputPadding', 'an integer from 0 to stride − 1, and 0 unless transposed', attrs.outputPadding);
  }
  if (!Number.isInteger(attrs.shift) || attrs.shift < 0 || attrs.shift > 30)
    invalidArgument('shift', 'an integer from 0 to 30', attrs.shift);
  const isInt32 = (v: number) => Number.isInteger(v) && v >= -(2 ** 31) && v < 2 ** 31;
  if (!isInt32(attrs.clampMin) || !isInt32(attrs.clampMax) || attrs.clampMin > attrs.clampMax) {
    invalidArgument('clampMin, clampMax', 'int32 integers with clampMin ≤ clampMax', [attrs.clampMin, attrs.clampMax]);
  }
  const kernelElements = attrs.inChannels * attrs.outChannels * attrs.kernelHeight * attrs.kernelWidth;
  const checkTensor = (name: string, tensor: Int32Array, length: number) => {
    if (!(tensor instanceof Int32Array) || tensor.length !== length)
      invalidArgument(name, `an Int32Array of ${length} values`, tensor);
  };
  checkTensor('input', input, attrs.inChannels * attrs.height * attrs.width);
  checkTensor('weights', weights, kernelElements);
  checkTensor('bias', bias, attrs.outChannels);
  const shape = intConv2dOutputShape(attrs);
  if (shape[1] < 1 || shape[2] < 1)
    invalidArgument('attrs', 'a kernel, stride and padding that leave an output', attrs);
  if (Math.max(input.length, weights.length, shape[0] * shape[1] * shape[2]) > MAX_ELEMENTS) {
    throw new LicoError('LICO_LIMIT_EXCEEDED', `IntConv2d tensors hold at most ${MAX_ELEMENTS} values`);
  }
  const round = attrs.shift > 0 ? 2 ** (attrs.shift - 1) : 0;
  const bound =
    maxAbs(input) * maxAbs(weights) * attrs.inChannels * attrs.kernelHeight * attrs.kernelWidth + maxAbs(bias) + round;
  if (bound >= 2 ** 31) {
    throw new LicoError(
      'LICO_LIMIT_EXCEEDED',
      `IntConv2d accumulators could reach ${bound} (≥ 2^31): max|input| · max|weight| · inChannels · kH · kW + max|bias| must stay below 2^31`,
    );
  }
  return shape;
}
