import { chainSpatial, type EdgeReach, SAME_SIZE, type Spatial, sameSpatial, widestReach } from '../module/geometry.js';
import { Layer } from '../module/layer.js';
import { add } from '../oracle/pointwise.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';
import { LeakyReLU } from './activations.js';
import type { Conv2d } from './conv2d.js';
import { conv1x1, conv3x3 } from './factories.js';
import { GDN } from './gdn.js';

/**
 * CompressAI's `ResidualBlockWithStride(in, out, stride=2)`: a strided 3×3 convolution, leaky
 * ReLU, 3×3 convolution and GDN, plus the input through a strided 1×1 `skip` convolution (when
 * the stride is not 1 or the channel counts differ). State dict: `conv1.*`, `conv2.*`,
 * `gdn.*`, `skip.*`.
 */
export class ResidualBlockWithStride extends Layer {
  readonly kind = 'ResidualBlockWithStride';
  readonly conv1: Conv2d;
  readonly leakyRelu: LeakyReLU;
  readonly conv2: Conv2d;
  readonly gdn: GDN;
  readonly skip: Conv2d | undefined;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly stride = 2,
  ) {
    super();
    this.conv1 = this.registerModule('conv1', conv3x3(inChannels, outChannels, stride));
    this.leakyRelu = this.registerModule('leaky_relu', new LeakyReLU());
    this.conv2 = this.registerModule('conv2', conv3x3(outChannels, outChannels));
    this.gdn = this.registerModule('gdn', new GDN(outChannels));
    this.skip =
      stride !== 1 || inChannels !== outChannels
        ? this.registerModule('skip', conv1x1(inChannels, outChannels, stride))
        : undefined;
  }

  override get inputChannels(): number {
    return this.inChannels;
  }

  forward(x: FloatTensor): FloatTensor {
    const { output } = this.shapesOf(x);
    const main = this.gdn.forward(this.conv2.forward(this.leakyRelu.forward(this.conv1.forward(x))));
    const identity = this.skip ? this.skip.forward(x) : x;
    return floatTensor(add(main.data, identity.data), output);
  }

  outputShape(input: Nchw): Nchw {
    // Both branches give ⌈H/s⌉ × ⌈W/s⌉; the skip's call checks its channels.
    if (this.skip) this.skip.outputShape(input);
    return this.conv2.outputShape(this.conv1.outputShape(input));
  }

  get spatial(): Spatial {
    return sameSpatial([chainSpatial([this.conv1.spatial, this.conv2.spatial]), this.skip?.spatial ?? SAME_SIZE]);
  }

  edgeReach(input: EdgeReach): EdgeReach {
    const main = this.conv2.edgeReach(this.conv1.edgeReach(input));
    return widestReach([main, this.skip ? this.skip.edgeReach(input) : input]);
  }
}
