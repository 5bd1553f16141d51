import { LicoError } from '@lico/core';
import type { FloatConvLayer } from '@lico/entropy-models';
import { Conv2d, ConvTranspose2d, type Layer, LeakyReLU, PixelShuffle, ReLU, Sequential } from '@lico/transforms';

const unsupported = (what: string) =>
  new LicoError(
    'LICO_UNSUPPORTED_MODEL',
    `${what} has no integer form (parameter networks take convolutions, ReLUs and sub-pixel convolutions)`,
  );

function convLayer(layer: Conv2d | ConvTranspose2d): FloatConvLayer {
  const transposed = layer instanceof ConvTranspose2d;
  return {
    inChannels: layer.inChannels,
    outChannels: layer.outChannels,
    kernelSize: layer.kernelSize,
    stride: layer.stride,
    padding: layer.padding,
    transposed,
    outputPadding: transposed ? layer.outputPadding : 0,
    // A masked convolution computes with its masked weight.
    weight: Float32Array.from(layer instanceof Conv2d ? layer.effectiveWeight() : layer.weight.data),
    bias: Float32Array.from(layer.bias?.data ?? new Float32Array(layer.outChannels)),
    activation: 'linear',
  };
}

/**
 * A float parameter network (a convolution, or a `Sequential` of convolutions, transposed
 * convolutions, sub-pixel convolutions, ReLUs and leaky ReLUs of slope 0.01) as the layer list
 * `toIntegerNetwork` converts: each activation becomes the activation of the layer before it.
 */
export function floatConvLayers(network: Layer): FloatConvLayer[] {
  const out: FloatConvLayer[] = [];
  const activate = (activation: FloatConvLayer['activation'], kind: string) => {
    const last = out.pop();
    if (last?.activation !== 'linear') throw unsupported(`a ${kind} that does not follow a convolution`);
    out.push({ ...last, activation });
  };
  const visit = (layer: Layer) => {
    if (layer instanceof Sequential) {
      const [first, second] = layer.layers;
      // CompressAI's subpel_conv3x3: Sequential(Conv2d, PixelShuffle(r)).
      if (layer.layers.length === 2 && first instanceof Conv2d && second instanceof PixelShuffle) {
        out.push({ ...convLayer(first), pixelShuffle: second.upscaleFactor });
      } else {
        layer.layers.forEach(visit);
      }
    } else if (layer instanceof Conv2d || layer instanceof ConvTranspose2d) {
      out.push(convLayer(layer));
    } else if (layer instanceof ReLU) {
      activate('relu', 'ReLU');
    } else if (layer instanceof LeakyReLU) {
      if (Math.abs(layer.negativeSlope - 0.01) > 1e-9) throw unsupported(`a LeakyReLU of slope ${layer.negativeSlope}`);
      activate('leaky-relu', 'LeakyReLU');
    } else {
      throw unsupported(`a ${layer.kind} layer`);
    }
  };
  visit(network);
  return out;
}
