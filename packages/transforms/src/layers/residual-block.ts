import { type EdgeReach, type Spatial, sameSpatial, widestReach } from '../module/geometry.js';
import { Layer } from '../module/layer.js';
import { add } from '../oracle/pointwise.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';
import { LeakyReLU } from './activations.js';
import type { Conv2d } from './conv2d.js';
import { conv1x1, conv3x3 } from './factories.js';

/**
 * CompressAI's `ResidualBlock(in, out)` (Cheng et al. 2020): two 3×3 convolutions, each
 * followed by a leaky ReLU, plus the input (through a 1×1 `skip` convolution when the channel
 * counts differ). State dict: `conv1.*`, `conv2.*`, `skip.*` (if any).
 */
export class ResidualBlock extends Layer {
  readonly kind = 'ResidualBlock';
  readonly conv1: Conv2d;
  readonly leakyRelu: LeakyReLU;
  readonly conv2: Conv2d;
  readonly skip: Conv2d | undefined;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
  ) {
    super();
    this.conv1 = this.registerModule('conv1', conv3x3(inChannels, outChannels));
    this.leakyRelu = this.registerModule('leaky_relu', new LeakyReLU());
    this.conv2 = this.registerModule('conv2', conv3x3(outChannels, outChannels));
    this.skip = inChannels !== outChannels ? this.registerModule('skip', conv1x1(inChannels, outChannels)) : undefined;
  }

  override get inputChannels(): number {
    return this.inChannels;
  }

  forward(x: FloatTensor): FloatTensor {
    const { output } = this.shapesOf(x);
    const main = this.leakyRelu.forward(this.conv2.forward(this.leakyRelu.forward(this.conv1.forward(x))));
    const identity = this.skip ? this.skip.forward(x) : x;
    return floatTensor(add(main.data, identity.data), output);
  }

  outputShape(input: Nchw): Nchw {
    const main = this.conv2.outputShape(this.conv1.outputShape(input));
    if (this.skip) this.skip.outputShape(input);
    return main;
  }

  get spatial(): Spatial {
    return sameSpatial([this.conv1.spatial, this.conv2.spatial]);
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return widestReach([this.conv2.edgeReach(this.conv1.edgeReach(input)), input]);
  }
}
