import { invalidArgument, LicoError } from './errors.js';
import type { Conv2dAttrs, Conv2dInputs } from './kernels/Conv2d.js';
import type { Conv2dBackpropFilterInputs } from './kernels/Conv2dBackpropFilter.js';
import type { Conv2dBackpropInputInputs } from './kernels/Conv2dBackpropInput.js';

/** Most elements of one float convolution tensor (input, weights or output): 2^31 bytes. */
export const MAX_CONV2D_ELEMENTS = 2 ** 29;

/** The output size of a {@link Conv2dAttrs} geometry: `[batch, outChannels, outHeight, outWidth]`. */
export function conv2dOutputShape(attrs: Conv2dAttrs): [number, number, number, number] {
  const { height, width, kernelHeight, kernelWidth, stride, padding, transposed, outputPadding } = attrs;
  const size = (n: number, k: number) =>
    transposed ? (n - 1) * stride - 2 * padding + k + outputPadding : Math.floor((n + 2 * padding - k) / stride) + 1;
  return [attrs.batch, attrs.outChannels, size(height, kernelHeight), size(width, kernelWidth)];
}

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function checkFloats(name: string, tensor: Float32Array | undefined, length: number): void {
  if (!(tensor instanceof Float32Array) || tensor.length !== length)
    invalidArgument(name, `a Float32Array of ${length} values`, tensor);
}

/**
 * Checks a convolution geometry: positive sizes, padding ≥ 0, an output padding below the
 * stride (and 0 unless transposed), an output of at least one value and tensors within
 * {@link MAX_CONV2D_ELEMENTS}. Returns the output shape.
 */
export function checkConv2dAttrs(attrs: Conv2dAttrs): [number, number, number, number] {
  for (const name of [
    'batch',
    'inChannels',
    'height',
    'width',
    'outChannels',
    'kernelHeight',
    'kernelWidth',
    'stride',
  ] as const) {
    const value = attrs[name];
    if (!Number.isInteger(value) || value < 1) invalidArgument(name, 'a positive integer', value);
  }
  if (!Number.isInteger(attrs.padding) || attrs.padding < 0)
    invalidArgument('padding', 'an integer ≥ 0', attrs.padding);
  if (typeof attrs.transposed !== 'boolean') invalidArgument('transposed', 'a boolean', attrs.transposed);
  if (
    !Number.isInteger(attrs.outputPadding) ||
    attrs.outputPadding < 0 ||
    (attrs.outputPadding > 0 && !attrs.transposed) ||
    attrs.outputPadding >= attrs.stride
  ) {
    invalidArgument('outputPadding', 'an integer from 0 to stride − 1, and 0 unless transposed', attrs.outputPadding);
  }
  const shape = conv2dOutputShape(attrs);
  if (shape[2] < 1 || shape[3] < 1)
    invalidArgument('attrs', 'a kernel, stride and padding that leave an output', attrs);
  const sizes = [
    attrs.batch * attrs.inChannels * attrs.height * attrs.width,
    attrs.inChannels * attrs.outChannels * attrs.kernelHeight * attrs.kernelWidth,
    count(shape),
  ];
  if (Math.max(...sizes) > MAX_CONV2D_ELEMENTS) {
    throw new LicoError('LICO_LIMIT_EXCEEDED', `Conv2d tensors hold at most ${MAX_CONV2D_ELEMENTS} values`);
  }
  return shape;
}

const inputLength = (a: Conv2dAttrs) => a.batch * a.inChannels * a.height * a.width;
const weightLength = (a: Conv2dAttrs) => a.inChannels * a.outChannels * a.kernelHeight * a.kernelWidth;

/** Checks {@link Conv2d}'s inputs against its attributes; returns the output shape. */
export function checkConv2dInputs(inputs: Conv2dInputs, attrs: Conv2dAttrs): [number, number, number, number] {
  const shape = checkConv2dAttrs(attrs);
  checkFloats('input', inputs.input, inputLength(attrs));
  checkFloats('weights', inputs.weights, weightLength(attrs));
  if (inputs.bias !== undefined) checkFloats('bias', inputs.bias, attrs.outChannels);
  return shape;
}

/** Checks {@link Conv2dBackpropInput}'s inputs; returns the forward output shape. */
export function checkConv2dBackpropInputInputs(
  inputs: Conv2dBackpropInputInputs,
  attrs: Conv2dAttrs,
): [number, number, number, number] {
  const shape = checkConv2dAttrs(attrs);
  checkFloats('outputGrad', inputs.outputGrad, count(shape));
  checkFloats('weights', inputs.weights, weightLength(attrs));
  return shape;
}

/** Checks {@link Conv2dBackpropFilter}'s inputs; returns the forward output shape. */
export function checkConv2dBackpropFilterInputs(
  inputs: Conv2dBackpropFilterInputs,
  attrs: Conv2dAttrs,
): [number, number, number, number] {
  const shape = checkConv2dAttrs(attrs);
  checkFloats('input', inputs.input, inputLength(attrs));
  checkFloats('outputGrad', inputs.outputGrad, count(shape));
  return shape;
}

export { checkFloats as checkFloat32Array };
