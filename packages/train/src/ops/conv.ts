import {
  Conv2d,
  type Conv2dAttrs,
  Conv2dBackpropFilter,
  Conv2dBackpropInput,
  conv2dOutputShape,
  invalidArgument,
} from '@lico/core';
import { run } from '../engine.js';
import { accumulate, result, shapeOf, type Variable } from '../variable.js';
import { constant, mul } from './elementwise.js';

/** Stride and zero padding of a convolution (PyTorch's defaults: 1 and 0). */
export interface Conv2dOptions {
  readonly stride?: number;
  readonly padding?: number;
}

/** A transposed convolution's options; `outputPadding` adds rows and columns at the bottom and right. */
export interface ConvTranspose2dOptions extends Conv2dOptions {
  readonly outputPadding?: number;
}

function convolve(op: string, x: Variable, weight: Variable, bias: Variable | undefined, attrs: Conv2dAttrs): Variable {
  if (bias) {
    shapeOf(bias, 1, `${op}(bias)`);
    if (bias.size !== attrs.outChannels) invalidArgument(`${op}(bias)`, `${attrs.outChannels} values`, bias.size);
  }
  const output = run(Conv2d, { input: x.data, weights: weight.data, bias: bias?.data }, attrs);
  const inputs = bias ? [x, weight, bias] : [x, weight];
  return result(op, output, conv2dOutputShape(attrs), inputs, (g) => {
    if (x.requiresGrad) accumulate(x, run(Conv2dBackpropInput, { outputGrad: g, weights: weight.data }, attrs));
    const hasBias = bias?.requiresGrad ?? false;
    if (weight.requiresGrad || hasBias) {
      const grads = run(Conv2dBackpropFilter, { input: x.data, outputGrad: g }, { ...attrs, hasBias });
      accumulate(weight, grads.weightsGrad);
      if (bias && grads.biasGrad) accumulate(bias, grads.biasGrad);
    }
  });
}

/**
 * 2-D convolution of an NCHW batch (PyTorch's `F.conv2d`): `x` `[N, C, H, W]`, `weight`
 * `[O, C, kH, kW]`, `bias` `[O]`; output `[N, O, floor((H + 2p − kH)/s) + 1, …]`.
 */
export function conv2d(x: Variable, weight: Variable, bias?: Variable, options: Conv2dOptions = {}): Variable {
  const [batch, inChannels, height, width] = shapeOf(x, 4, 'conv2d(x)');
  const [outChannels, weightChannels, kernelHeight, kernelWidth] = shapeOf(weight, 4, 'conv2d(weight)');
  if (weightChannels !== inChannels)
    invalidArgument(
      'conv2d(weight)',
      `[out, ${inChannels}, kH, kW] for ${inChannels} input channels`,
      `[${weight.shape.join(', ')}]`,
    );
  const attrs = {
    batch,
    inChannels,
    height,
    width,
    outChannels,
    kernelHeight,
    kernelWidth,
    stride: options.stride ?? 1,
    padding: options.padding ?? 0,
    transposed: false,
    outputPadding: 0,
  };
  return convolve('conv2d', x, weight, bias, attrs);
}

/**
 * Transposed 2-D convolution (PyTorch's `F.conv_transpose2d`): `weight` `[C, O, kH, kW]`,
 * output `[N, O, (H − 1)·s − 2p + kH + outputPadding, …]`. CompressAI's `deconv` is
 * kernel 5, stride 2, padding 2, output padding 1.
 */
export function convTranspose2d(
  x: Variable,
  weight: Variable,
  bias?: Variable,
  options: ConvTranspose2dOptions = {},
): Variable {
  const [batch, inChannels, height, width] = shapeOf(x, 4, 'convTranspose2d(x)');
  const [weightChannels, outChannels, kernelHeight, kernelWidth] = shapeOf(weight, 4, 'convTranspose2d(weight)');
  if (weightChannels !== inChannels)
    invalidArgument('convTranspose2d(weight)', `[${inChannels}, out, kH, kW]`, `[${weight.shape.join(', ')}]`);
  const attrs = {
    batch,
    inChannels,
    height,
    width,
    outChannels,
    kernelHeight,
    kernelWidth,
    stride: options.stride ?? 1,
    padding: options.padding ?? 0,
    transposed: true,
    outputPadding: options.outputPadding ?? 0,
  };
  return convolve('convTranspose2d', x, weight, bias, attrs);
}

/**
 * A masked convolution (PixelCNN's, as the context models of Minnen et al. 2018 use): the weight
 * times a fixed mask of its shape, so masked taps neither read nor learn.
 */
export function maskedConv2d(
  x: Variable,
  weight: Variable,
  bias: Variable | undefined,
  mask: Float32Array,
  options: Conv2dOptions = {},
): Variable {
  if (!(mask instanceof Float32Array) || mask.length !== weight.size)
    invalidArgument('maskedConv2d(mask)', `a Float32Array of ${weight.size} values`, mask);
  return conv2d(x, mul(weight, constant(mask, weight.shape)), bias, options);
}

/**
 * The mask of a `kH × kW` masked convolution with every input channel: type 'A' hides the centre
 * and everything after it in raster order, type 'B' only what follows the centre.
 */
export function rasterMask(outChannels: number, inChannels: number, kernelSize: number, type: 'A' | 'B'): Float32Array {
  const taps = kernelSize * kernelSize;
  const centre = Math.floor(taps / 2);
  const mask = new Float32Array(outChannels * inChannels * taps);
  for (let k = 0; k < mask.length; k++) {
    const tap = k % taps;
    mask[k] = tap < centre || (type === 'B' && tap === centre) ? 1 : 0;
  }
  return mask;
}
