import { chainSpatial, type EdgeReach, type Spatial } from '../module/geometry.js';
import { Layer } from '../module/layer.js';
import type { FloatTensor, Nchw } from '../tensor.js';

/**
 * Layers applied in order, as PyTorch's `nn.Sequential`: children are named `0`, `1`, … so a
 * tree's names are those of the PyTorch model (`g_a.0.weight`, `g_a.1.beta`).
 * @example
 * ```ts
 * import { conv, GDN, Sequential } from '@lico/transforms';
 * const gA = new Sequential(conv(3, 16), new GDN(16), conv(16, 16), new GDN(16), conv(16, 24));
 * console.log(gA.spatial, gA.outputShape([1, 3, 64, 64])); // ÷8; [ 1, 24, 8, 8 ]
 * ```
 */
export class Sequential extends Layer {
  readonly kind = 'Sequential';
  readonly layers: readonly Layer[];

  constructor(...layers: Layer[]) {
    super();
    this.layers = layers.map((layer, i) => this.registerModule(String(i), layer));
  }

  /** The i-th layer. */
  at(i: number): Layer | undefined {
    return this.layers[i];
  }

  /** The first layer's input channels (`undefined` when it takes any count). */
  override get inputChannels(): number | undefined {
    return this.layers[0]?.inputChannels;
  }

  forward(x: FloatTensor): FloatTensor {
    this.shapesOf(x);
    return this.layers.reduce((value, layer) => layer.forward(value), x);
  }

  outputShape(input: Nchw): Nchw {
    return this.layers.reduce((shape, layer) => layer.outputShape(shape), input);
  }

  get spatial(): Spatial {
    return chainSpatial(this.layers.map((layer) => layer.spatial));
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return this.layers.reduce((reach, layer) => layer.edgeReach(reach), input);
  }
}
