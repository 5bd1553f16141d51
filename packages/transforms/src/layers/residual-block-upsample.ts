import { chainSpatial, type EdgeReach, type Spatial, sameSpatial, widestReach } from '../module/geometry.js';
import { Layer } from '../module/layer.js';
import { add } from '../oracle/pointwise.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';
import { LeakyReLU } from './activations.js';
import type { Conv2d } from './conv2d.js';
import { conv3x3, subpelConv3x3 } from './factories.js';
import { GDN } from './gdn.js';
import type { Sequential } from './sequential.js';

/**
 * CompressAI's `ResidualBlockUpsample(in, out, upsample=2)`: a sub-pixel 3×3 convolution,
 * leaky ReLU, 3×3 convolution and IGDN, plus the input through another sub-pixel convolution.
 * State dict: `subpel_conv.0.*`, `conv.*`, `igdn.*`, `upsample.0.*`.
 */
export class ResidualBlockUpsample extends Layer {
  readonly kind = 'ResidualBlockUpsample';
  readonly subpelConv: Sequential;
  readonly leakyRelu: LeakyReLU;
  readonly conv: Conv2d;
  readonly igdn: GDN;
  readonly upsample: Sequential;

  constructor(
    readonly inChannels: number,
    readonly outChannels: number,
    readonly upsampleFactor = 2,
  ) {
    super();
    this.subpelConv = this.registerModule('subpel_conv', subpelConv3x3(inChannels, outChannels, upsampleFactor));
    this.leakyRelu = this.registerModule('leaky_relu', new LeakyReLU());
    this.conv = this.registerModule('conv', conv3x3(outChannels, outChannels));
    this.igdn = this.registerModule('igdn', new GDN(outChannels, { inverse: true }));
    this.upsample = this.registerModule('upsample', subpelConv3x3(inChannels, outChannels, upsampleFactor));
  }

  override get inputChannels(): number {
    return this.inChannels;
  }

  forward(x: FloatTensor): FloatTensor {
    const { output } = this.shapesOf(x);
    const main = this.igdn.forward(this.conv.forward(this.leakyRelu.forward(this.subpelConv.forward(x))));
    return floatTensor(add(main.data, this.upsample.forward(x).data), output);
  }

  outputShape(input: Nchw): Nchw {
    this.upsample.outputShape(input);
    return this.conv.outputShape(this.subpelConv.outputShape(input));
  }

  get spatial(): Spatial {
    return sameSpatial([chainSpatial([this.subpelConv.spatial, this.conv.spatial]), this.upsample.spatial]);
  }

  edgeReach(input: EdgeReach): EdgeReach {
    const main = this.conv.edgeReach(this.subpelConv.edgeReach(input));
    return widestReach([main, this.upsample.edgeReach(input)]);
  }
}
