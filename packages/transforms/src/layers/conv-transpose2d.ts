import { invalidArgument, seededRandom } from '@lico/core';
import { convTransposeReach, type EdgeReach, type Spatial } from '../module/geometry.js';
import { checkChannels, Layer } from '../module/layer.js';
import type { Parameter } from '../module/parameter.js';
import { convTranspose2d } from '../oracle/conv-transpose2d.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';
import { checkInteger } from './checks.js';
import { fillUniform } from './init.js';

/** Options of {@link ConvTranspose2d}: PyTorch's, square kernels only. */
export interface ConvTranspose2dOptions {
  /** Upsampling factor (default 1). */
  readonly stride?: number;
  /** Rows and columns removed from each side of the full output (default 0). */
  readonly padding?: number;
  /** Extra rows and columns at the end (default 0; less than the stride). */
  readonly outputPadding?: number;
  /** Whether there is a `bias` (default true). */
  readonly bias?: boolean;
}

/**
 * A 2-D transposed convolution with PyTorch's `nn.ConvTranspose2d` tensors: `weight`
 * `[in, out, k, k]` (in before out, as PyTorch stores it) and `bias` `[out]`. Output size
 * `(H − 1)·s − 2p + k + output_padding`. CompressAI's `deconv(in, out, k, s)` is
 * `padding = ⌊k/2⌋, output_padding = s − 1`: exactly s times the input. Exports to ONNX
 * `ConvTranspose`.
 * @example
 * ```ts
 * import { ConvTranspose2d, floatTensor } from '@lico/transforms';
 * const up = new ConvTranspose2d(8, 3, 5, { stride: 2, padding: 2, outputPadding: 1 });
 * console.log(up.weight.shape, up.outputShape([1, 8, 16, 16])); // [ 8, 3, 5, 5 ] [ 1, 3, 32, 32 ]
 * ```
 */
export class ConvTranspose2d extends Layer {
  readonly kind = 'ConvTranspose2d';
  readonly weight: Parameter;
  readonly bias: Parameter | undefined;
  readonly stride: number;
  readonly padding: number;
  readonly outputPadding: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    options: ConvTranspose2dOptions = {},
  ) {
    super();
    checkInteger('inChannels', inChannels, 1);
    checkInteger('outChannels', outChannels, 1);
    checkInteger('kernelSize', kernelSize, 1);
    this.stride = checkInteger('options.stride', options.stride ?? 1, 1);
    this.padding = checkInteger('options.padding', options.padding ?? 0, 0);
    this.outputPadding = checkInteger('options.outputPadding', options.outputPadding ?? 0, 0);
    if (this.outputPadding >= this.stride) {
      invalidArgument('options.outputPadding', `less than the stride (${this.stride})`, this.outputPadding);
    }
    this.weight = this.registerParameter('weight', [inChannels, outChannels, kernelSize, kernelSize]);
    this.bias = options.bias === false ? undefined : this.registerParameter('bias', [outChannels]);
    this.resetParameters(seededRandom(0));
  }

  override get inputChannels(): number {
    return this.inChannels;
  }

  protected override resetParameters(random: () => number): void {
    // PyTorch takes fan_in from the weight's dim 1, which is `out` for a transposed convolution.
    const bound = 1 / Math.sqrt(this.outChannels * this.kernelSize ** 2);
    fillUniform(this.weight.data, bound, random);
    if (this.bias) fillUniform(this.bias.data, bound, random);
  }

  forward(x: FloatTensor): FloatTensor {
    const { input } = this.shapesOf(x);
    const { data, dims } = convTranspose2d(
      x.data,
      input,
      this.weight.data,
      this.outChannels,
      this.kernelSize,
      this.bias?.data,
      this.stride,
      this.padding,
      this.outputPadding,
    );
    return floatTensor(data, dims);
  }

  outputShape(input: Nchw): Nchw {
    checkChannels(this.kind, input, this.inChannels);
    const size = (d: number) => (d - 1) * this.stride - 2 * this.padding + this.kernelSize + this.outputPadding;
    const [h, w] = [size(input[2]), size(input[3])];
    if (h < 1 || w < 1) {
      invalidArgument(`${this.kind} input`, 'large enough for a non-empty output', `dims [${input.join(', ')}]`);
    }
    return [input[0], this.outChannels, h, w];
  }

  get spatial(): Spatial {
    const { stride: s, padding: p, kernelSize: k, outputPadding: op } = this;
    return { up: s, down: 1, multiple: 1, regular: k - 2 * p + op - s === 0 };
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return convTransposeReach(input, this.kernelSize, this.stride, this.padding, this.outputPadding);
  }
}
