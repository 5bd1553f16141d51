import { invalidArgument, seededRandom } from '@lico/core';
import { convReach, type EdgeReach, type Spatial } from '../module/geometry.js';
import { checkChannels, Layer } from '../module/layer.js';
import type { Parameter } from '../module/parameter.js';
import { conv2d } from '../oracle/conv2d.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';
import { checkInteger } from './checks.js';
import { fillUniform } from './init.js';

/** Options of {@link Conv2d}: PyTorch's, square kernels only. */
export interface Conv2dOptions {
  /** Step between output positions (default 1). */
  readonly stride?: number;
  /** Zeros added on every side (default 0). */
  readonly padding?: number;
  /** Whether there is a `bias` (default true). */
  readonly bias?: boolean;
}

/**
 * A 2-D convolution with PyTorch's `nn.Conv2d` tensors: `weight` `[out, in, k, k]` and
 * `bias` `[out]`. Output size `⌊(H + 2p − k)/s⌋ + 1`. Exports to ONNX `Conv`.
 * @example
 * ```ts
 * import { Conv2d, floatTensor } from '@lico/transforms';
 * const conv = new Conv2d(3, 8, 5, { stride: 2, padding: 2 }).initialize(1);
 * const y = conv.forward(floatTensor(new Float32Array(3 * 16 * 16).fill(0.5), [1, 3, 16, 16]));
 * console.log(y.dims); // [ 1, 8, 8, 8 ]
 * ```
 */
export class Conv2d extends Layer {
  readonly kind: string = 'Conv2d';
  readonly weight: Parameter;
  readonly bias: Parameter | undefined;
  readonly stride: number;
  readonly padding: number;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly kernelSize: number,
    options: Conv2dOptions = {},
  ) {
    super();
    checkInteger('inChannels', inChannels, 1);
    checkInteger('outChannels', outChannels, 1);
    checkInteger('kernelSize', kernelSize, 1);
    this.stride = checkInteger('options.stride', options.stride ?? 1, 1);
    this.padding = checkInteger('options.padding', options.padding ?? 0, 0);
    this.weight = this.registerParameter('weight', [outChannels, inChannels, kernelSize, kernelSize]);
    this.bias = options.bias === false ? undefined : this.registerParameter('bias', [outChannels]);
    this.resetParameters(seededRandom(0));
  }

  override get inputChannels(): number {
    return this.inChannels;
  }

  /** The weight the convolution applies (a masked convolution's is masked). */
  effectiveWeight(): Float32Array {
    return this.weight.data;
  }

  protected override resetParameters(random: () => number): void {
    const bound = 1 / Math.sqrt(this.inChannels * this.kernelSize ** 2);
    fillUniform(this.weight.data, bound, random);
    if (this.bias) fillUniform(this.bias.data, bound, random);
  }

  forward(x: FloatTensor): FloatTensor {
    const { input } = this.shapesOf(x);
    const { data, dims } = conv2d(
      x.data,
      input,
      this.effectiveWeight(),
      this.outChannels,
      this.kernelSize,
      this.bias?.data,
      this.stride,
      this.padding,
    );
    return floatTensor(data, dims);
  }

  outputShape(input: Nchw): Nchw {
    checkChannels(this.kind, input, this.inChannels);
    const [h, w] = [input[2], input[3]].map(
      (d) => Math.floor((d + 2 * this.padding - this.kernelSize) / this.stride) + 1,
    );
    if (h < 1 || w < 1) {
      invalidArgument(
        `${this.kind} input`,
        `at least ${this.kernelSize - 2 * this.padding} pixels high and wide`,
        `dims [${input.join(', ')}]`,
      );
    }
    return [input[0], this.outChannels, h, w];
  }

  get spatial(): Spatial {
    const { stride: s, padding: p, kernelSize: k } = this;
    return { up: 1, down: s, multiple: s, regular: Math.floor((2 * p - k) / s) + 1 === 0 };
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return convReach(input, this.kernelSize, this.stride, this.padding);
  }
}
