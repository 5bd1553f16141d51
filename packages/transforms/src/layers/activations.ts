import { type EdgeReach, SAME_SIZE, type Spatial } from '../module/geometry.js';
import { Layer } from '../module/layer.js';
import { leakyRelu, relu } from '../oracle/pointwise.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';

/** A layer without tensors that maps each value on its own. */
abstract class PointwiseLayer extends Layer {
  protected abstract apply(values: Float32Array): Float32Array;

  forward(x: FloatTensor): FloatTensor {
    const { input } = this.shapesOf(x);
    return floatTensor(this.apply(x.data), input);
  }

  outputShape(input: Nchw): Nchw {
    return input;
  }

  get spatial(): Spatial {
    return SAME_SIZE;
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return input;
  }
}

/** PyTorch's `nn.ReLU`: `max(x, 0)`. ONNX `Relu`. */
export class ReLU extends PointwiseLayer {
  readonly kind = 'ReLU';

  protected apply(values: Float32Array): Float32Array {
    return relu(values);
  }
}

/** PyTorch's `nn.LeakyReLU`: `x` if `x ≥ 0`, else `negativeSlope · x` (default 0.01). ONNX `LeakyRelu`. */
export class LeakyReLU extends PointwiseLayer {
  readonly kind = 'LeakyReLU';

  constructor(readonly negativeSlope = 0.01) {
    super();
  }

  protected apply(values: Float32Array): Float32Array {
    return leakyRelu(values, this.negativeSlope);
  }
}
