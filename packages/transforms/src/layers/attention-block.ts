import { invalidArgument } from '@lico/core';
import { type EdgeReach, type Spatial, sameSpatial, widestReach } from '../module/geometry.js';
import { Layer } from '../module/layer.js';
import { add, multiply, sigmoid } from '../oracle/pointwise.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';
import { ReLU } from './activations.js';
import { conv1x1, conv3x3 } from './factories.js';
import { Sequential } from './sequential.js';

/**
 * The residual unit inside CompressAI's `AttentionBlock`: `relu(conv(x) + x)` with
 * `conv` = 1×1 to N/2, ReLU, 3×3, ReLU, 1×1 back to N. State dict: `conv.0.*`, `conv.2.*`, `conv.4.*`.
 */
export class ResidualUnit extends Layer {
  readonly kind = 'ResidualUnit';
  readonly conv: Sequential;
  readonly relu: ReLU;

  constructor(readonly channels: number) {
    super();
    if (!Number.isInteger(channels) || channels < 2) invalidArgument('channels', 'an integer ≥ 2', channels);
    const half = Math.floor(channels / 2);
    this.conv = this.registerModule(
      'conv',
      new Sequential(conv1x1(channels, half), new ReLU(), conv3x3(half, half), new ReLU(), conv1x1(half, channels)),
    );
    this.relu = this.registerModule('relu', new ReLU());
  }

  override get inputChannels(): number {
    return this.channels;
  }

  forward(x: FloatTensor): FloatTensor {
    const { output } = this.shapesOf(x);
    return this.relu.forward(floatTensor(add(this.conv.forward(x).data, x.data), output));
  }

  outputShape(input: Nchw): Nchw {
    return this.conv.outputShape(input);
  }

  get spatial(): Spatial {
    return this.conv.spatial;
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return widestReach([this.conv.edgeReach(input), input]);
  }
}

/**
 * CompressAI's simplified `AttentionBlock(N)` (Cheng et al. 2020,
 * https://arxiv.org/abs/2001.01568): `a · sigmoid(b) + x` with `a` = three residual units
 * (`conv_a`) and `b` = three residual units and a 1×1 convolution (`conv_b`). State dict:
 * `conv_a.{0,1,2}.conv.{0,2,4}.*`, `conv_b.{0,1,2}.conv.{0,2,4}.*`, `conv_b.3.*`.
 */
export class AttentionBlock extends Layer {
  readonly kind = 'AttentionBlock';
  readonly convA: Sequential;
  readonly convB: Sequential;

  constructor(readonly channels: number) {
    super();
    const unit = () => new ResidualUnit(channels);
    this.convA = this.registerModule('conv_a', new Sequential(unit(), unit(), unit()));
    this.convB = this.registerModule('conv_b', new Sequential(unit(), unit(), unit(), conv1x1(channels, channels)));
  }

  override get inputChannels(): number {
    return this.channels;
  }

  forward(x: FloatTensor): FloatTensor {
    const { output } = this.shapesOf(x);
    const a = this.convA.forward(x);
    const b = this.convB.forward(x);
    return floatTensor(add(multiply(a.data, sigmoid(b.data)), x.data), output);
  }

  outputShape(input: Nchw): Nchw {
    this.convB.outputShape(input);
    return this.convA.outputShape(input);
  }

  get spatial(): Spatial {
    return sameSpatial([this.convA.spatial, this.convB.spatial]);
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return widestReach([this.convA.edgeReach(input), this.convB.edgeReach(input), input]);
  }
}
