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
  /**
   * Leaky ReLU: negative outputs of the kernel are then divided by `2^negativeSlopeShift`
   * with rounding (`floor((v + 2^(k−1)) / 2^k)`), in TypeScript, the same on every backend.
   * A slope of 2^-7 stands for PyTorch's default 0.01.
   */
  readonly negativeSlopeShift?: number;
  /**
   * Sub-pixel convolution (`subpel_conv3x3`): the output's `C·r²` channels then move into an
   * r-times larger plane, as PyTorch's `PixelShuffle(r)` (channel `c·r² + i·r + j` goes to
   * position `(h·r + i, w·r + j)` of channel c): a copy, in TypeScript.
   */
  readonly pixelShuffle?: number;
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
  constructor(
    readonly layers: readonly IntegerConvLayer[],
    /**
     * How the input is brought into range first: `clamp((x + 2^(shift−1)) >> shift, ±limit)`.
     * A converted network that takes latents fixes it, so that no input, however large, can
     * push an accumulator past int32 (`docs/integer-networks.md`).
     */
    readonly input?: IntegerInputStage,
  ) {
    if (layers.length === 0) invalidArgument('layers', 'at least one layer', layers);
    if (input && !(Number.isInteger(input.shift) && input.shift >= 0 && input.shift < 31 && input.limit >= 0)) {
      invalidArgument('input', 'a shift in [0, 30] and a non-negative limit', input);
    }
    for (const [index, { pixelShuffle: r = 1, outChannels }] of layers.entries()) {
      if (!(Number.isInteger(r) && r >= 1 && outChannels % (r * r) === 0)) {
        invalidArgument(`layers[${index}].pixelShuffle`, `a factor r ≥ 1 with r² dividing ${outChannels}`, r);
      }
    }
  }

  async run(input: IntegerTensor, backend?: Backend | BackendName): Promise<IntegerTensor> {
    let tensor = this.input ? { ...input, values: rangeInput(input.values, this.input) } : input;
    for (const [index, layer] of this.layers.entries()) {
      const [channels, height, width] = tensor.shape;
      if (channels !== layer.inChannels) {
        invalidArgument(`layer ${index} input`, `${layer.inChannels} channels`, channels);
      }
      const { weights, bias, kernelSize, negativeSlopeShift, pixelShuffle, ...rest } = layer;
      const attrs: IntConv2dAttrs = { ...rest, height, width, kernelHeight: kernelSize, kernelWidth: kernelSize };
      const values = await runKernel(IntConv2d, { input: tensor.values, weights, bias }, attrs, backend);
      if (negativeSlopeShift) leak(values, negativeSlopeShift);
      tensor = { values, shape: intConv2dOutputShape(attrs) };
      if (pixelShuffle && pixelShuffle > 1) tensor = shufflePixels(tensor, pixelShuffle);
    }
    return tensor;
  }
}

/** The negative side of an integer leaky ReLU, in place. */
export function leak(values: Int32Array, shift: number): void {
  const half = 2 ** (shift - 1);
  const scale = 2 ** shift;
  for (let i = 0; i < values.length; i++) if (values[i] < 0) values[i] = Math.floor((values[i] + half) / scale);
}

/** PyTorch's `PixelShuffle(r)` on an integer tensor: `[C·r², H, W]` → `[C, H·r, W·r]`. */
function shufflePixels(tensor: IntegerTensor, r: number): IntegerTensor {
  const [channels, height, width] = tensor.shape;
  const out = new Int32Array(tensor.values.length);
  const [outChannels, outHeight, outWidth] = [channels / (r * r), height * r, width * r];
  for (let c = 0; c < channels; c++) {
    const [target, i, j] = [Math.floor(c / (r * r)), Math.floor(c / r) % r, c % r];
    for (let h = 0; h < height; h++) {
      for (let w = 0; w < width; w++) {
        out[(target * outHeight + h * r + i) * outWidth + w * r + j] = tensor.values[(c * height + h) * width + w];
      }
    }
  }
  return { values: out, shape: [outChannels, outHeight, outWidth] };
}

/** The input stage of an {@link IntegerNetwork}. */
export interface IntegerInputStage {
  readonly shift: number;
  readonly limit: number;
}

/** Applies an input stage (exported within the package for the conversion's calibration). */
export function rangeInput(values: Int32Array, { shift, limit }: IntegerInputStage): Int32Array {
  const out = new Int32Array(values.length);
  const half = shift > 0 ? 2 ** (shift - 1) : 0;
  const scale = 2 ** shift;
  for (let i = 0; i < values.length; i++) {
    // floor((x + half) / 2^shift) is the arithmetic shift, exact for every int32.
    out[i] = Math.min(Math.max(Math.floor((values[i] + half) / scale), -limit), limit);
  }
  return out;
}

/** `[a; b]` along channels; the caller ensures both have the same plane. */
export function concatChannels(a: IntegerTensor, b: IntegerTensor): IntegerTensor {
  const values = new Int32Array(a.values.length + b.values.length);
  values.set(a.values);
  values.set(b.values, a.values.length);
  return { values, shape: [a.shape[0] + b.shape[0], a.shape[1], a.shape[2]] };
}

/**
 * The top-left `height × width` of each channel of a tensor at least that large: the part of a
 * hyper-synthesis output that covers the latents when the hyper-analysis padded them below and
 * to the right to its multiple. A tensor of exactly that plane is returned as it is.
 */
export function cropPlane(tensor: IntegerTensor, height: number, width: number): IntegerTensor {
  const [channels, fullHeight, fullWidth] = tensor.shape;
  if (fullHeight === height && fullWidth === width) return tensor;
  if (fullHeight < height || fullWidth < width) {
    invalidArgument('tensor', `a plane of at least ${height}×${width}`, `[${tensor.shape.join(', ')}]`);
  }
  const values = new Int32Array(channels * height * width);
  for (let c = 0; c < channels; c++) {
    for (let row = 0; row < height; row++) {
      const from = (c * fullHeight + row) * fullWidth;
      values.set(tensor.values.subarray(from, from + width), (c * height + row) * width);
    }
  }
  return { values, shape: [channels, height, width] };
}
