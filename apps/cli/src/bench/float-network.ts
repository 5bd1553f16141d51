import { Conv2d, runKernel } from '@lico/core';
import type { FloatConvLayer } from '@lico/entropy-models';

type Shape = readonly [number, number, number];

/** A float tensor `[C, H, W]`. */
export interface FloatTensor {
  readonly values: Float32Array;
  readonly shape: Shape;
}

/**
 * The float network that an integer parameter network was converted from, run with the
 * `Conv2d` kernel: the reference the integer path's rate is measured against.
 */
export async function runFloatNetwork(layers: readonly FloatConvLayer[], input: FloatTensor): Promise<FloatTensor> {
  let tensor = input;
  for (const layer of layers) {
    const [, height, width] = tensor.shape;
    const k = layer.kernelSize;
    const attrs = {
      batch: 1,
      inChannels: layer.inChannels,
      height,
      width,
      outChannels: layer.outChannels,
      kernelHeight: k,
      kernelWidth: k,
      stride: layer.stride,
      padding: layer.padding,
      transposed: layer.transposed,
      outputPadding: layer.outputPadding,
    };
    const values = await runKernel(Conv2d, { input: tensor.values, weights: layer.weight, bias: layer.bias }, attrs);
    if (layer.activation === 'relu') for (let i = 0; i < values.length; i++) values[i] = Math.max(values[i], 0);
    const size = (n: number) =>
      layer.transposed
        ? (n - 1) * layer.stride - 2 * layer.padding + k + layer.outputPadding
        : Math.floor((n + 2 * layer.padding - k) / layer.stride) + 1;
    tensor = { values, shape: [layer.outChannels, size(height), size(width)] };
  }
  return tensor;
}

/** Softmax over K component-major blocks of logits (`[k · count + i]`). */
export function softmaxBlocks(logits: Float32Array, components: number): Float32Array {
  const count = logits.length / components;
  const out = new Float32Array(logits.length);
  for (let i = 0; i < count; i++) {
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < components; k++) max = Math.max(max, logits[k * count + i]);
    let sum = 0;
    for (let k = 0; k < components; k++) sum += Math.exp(logits[k * count + i] - max);
    for (let k = 0; k < components; k++) out[k * count + i] = Math.exp(logits[k * count + i] - max) / sum;
  }
  return out;
}
