import { invalidArgument } from '@lico/core';
import type { Parameter } from '../module/parameter.js';
import { Conv2d, type Conv2dOptions } from './conv2d.js';

/**
 * Which kernel taps a {@link MaskedConv2d} keeps: `'A'` the taps before the centre in raster
 * order (PixelCNN's first layer; CompressAI's default), `'B'` those and the centre, and
 * `'checkerboard'` the taps whose row plus column is odd (He et al. 2021's anchors of a
 * checkerboard context: the four direct neighbours of a 3×3 kernel, never the centre).
 */
export type MaskType = 'A' | 'B' | 'checkerboard';

/** Options of {@link MaskedConv2d}. */
export interface MaskedConv2dOptions extends Conv2dOptions {
  /** Default `'A'`, as CompressAI. */
  readonly maskType?: MaskType;
}

/** The mask of a `[out, in, k, k]` weight, as CompressAI builds its `mask` buffer. */
export function kernelMask(maskType: MaskType, shape: readonly number[]): Float32Array {
  const [out, inputs, k] = shape;
  const tap = new Float32Array(k * k);
  const centre = k >> 1;
  for (let i = 0; i < k; i++) {
    for (let j = 0; j < k; j++) {
      const keep =
        maskType === 'checkerboard'
          ? (i + j) % 2 === 1
          : i < centre || (i === centre && (maskType === 'B' ? j <= centre : j < centre));
      tap[i * k + j] = keep ? 1 : 0;
    }
  }
  const mask = new Float32Array(out * inputs * k * k);
  for (let m = 0; m < out * inputs; m++) mask.set(tap, m * k * k);
  return mask;
}

/**
 * A convolution whose weight is multiplied by a fixed `mask` buffer (CompressAI's
 * `MaskedConv2d`, and its checkerboard variant): state dict `weight`, `bias`, `mask`. Used for
 * autoregressive and checkerboard context models. The stored weight is kept as loaded; the
 * mask is applied when computing and when exporting.
 * @example
 * ```ts
 * import { MaskedConv2d } from '@lico/transforms';
 * const context = new MaskedConv2d(4, 8, 5, { padding: 2, maskType: 'A' });
 * console.log(context.mask.data.slice(0, 25).join('')); // 1111111111110000000000000
 * ```
 */
export class MaskedConv2d extends Conv2d {
  override readonly kind: string = 'MaskedConv2d';
  readonly mask: Parameter;
  readonly maskType: MaskType;

  constructor(inChannels: number, outChannels: number, kernelSize: number, options: MaskedConv2dOptions = {}) {
    super(inChannels, outChannels, kernelSize, options);
    const maskType = options.maskType ?? 'A';
    if (maskType !== 'A' && maskType !== 'B' && maskType !== 'checkerboard') {
      invalidArgument('options.maskType', "'A', 'B' or 'checkerboard'", maskType);
    }
    this.maskType = maskType;
    this.mask = this.registerBuffer('mask', this.weight.shape, kernelMask(maskType, this.weight.shape));
  }

  override effectiveWeight(): Float32Array {
    const weight = this.weight.data;
    const mask = this.mask.data;
    const masked = new Float32Array(weight.length);
    for (let i = 0; i < masked.length; i++) masked[i] = weight[i] * mask[i];
    return masked;
  }

  protected override resetParameters(random: () => number): void {
    super.resetParameters(random);
    // The constructor's first reset runs before the mask exists.
    this.mask?.data.set(kernelMask(this.maskType, this.weight.shape));
  }
}
