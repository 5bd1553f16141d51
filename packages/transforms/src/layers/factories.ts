import { ConvTranspose2d } from './conv-transpose2d.js';
import { Conv2d } from './conv2d.js';
import { PixelShuffle } from './pixel-shuffle.js';
import { Sequential } from './sequential.js';

/**
 * CompressAI's `conv(in, out, kernel_size=5, stride=2)`: a convolution with padding ⌊k/2⌋, so
 * the output is the input divided by the stride.
 * @example
 * ```ts
 * import { conv } from '@lico/transforms';
 * console.log(conv(3, 8).outputShape([1, 3, 32, 32])); // [ 1, 8, 16, 16 ]
 * ```
 */
export function conv(inChannels: number, outChannels: number, kernelSize = 5, stride = 2): Conv2d {
  return new Conv2d(inChannels, outChannels, kernelSize, { stride, padding: kernelSize >> 1 });
}

/**
 * CompressAI's `deconv(in, out, kernel_size=5, stride=2)`: a transposed convolution with
 * padding ⌊k/2⌋ and output padding `stride − 1`, so the output is the input times the stride.
 * @example
 * ```ts
 * import { deconv } from '@lico/transforms';
 * console.log(deconv(8, 3).outputShape([1, 8, 16, 16])); // [ 1, 3, 32, 32 ]
 * ```
 */
export function deconv(inChannels: number, outChannels: number, kernelSize = 5, stride = 2): ConvTranspose2d {
  return new ConvTranspose2d(inChannels, outChannels, kernelSize, {
    stride,
    padding: kernelSize >> 1,
    outputPadding: stride - 1,
  });
}

/** CompressAI's `conv1x1(in, out, stride=1)`. */
export function conv1x1(inChannels: number, outChannels: number, stride = 1): Conv2d {
  return new Conv2d(inChannels, outChannels, 1, { stride });
}

/** CompressAI's `conv3x3(in, out, stride=1)`: padding 1. */
export function conv3x3(inChannels: number, outChannels: number, stride = 1): Conv2d {
  return new Conv2d(inChannels, outChannels, 3, { stride, padding: 1 });
}

/**
 * CompressAI's `subpel_conv3x3(in, out, r=1)`: a 3×3 convolution to `out·r²` channels, then
 * `PixelShuffle(r)`, as a {@link Sequential} (state dict `0.weight`, `0.bias`).
 * @example
 * ```ts
 * import { subpelConv3x3 } from '@lico/transforms';
 * console.log(subpelConv3x3(8, 4, 2).outputShape([1, 8, 16, 16])); // [ 1, 4, 32, 32 ]
 * ```
 */
export function subpelConv3x3(inChannels: number, outChannels: number, r = 1): Sequential {
  return new Sequential(new Conv2d(inChannels, outChannels * r * r, 3, { padding: 1 }), new PixelShuffle(r));
}
