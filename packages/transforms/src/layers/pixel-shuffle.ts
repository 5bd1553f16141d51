import { invalidArgument } from '@lico/core';
import type { EdgeReach, Spatial } from '../module/geometry.js';
import { Layer } from '../module/layer.js';
import { pixelShuffle } from '../oracle/pixel-shuffle.js';
import { type FloatTensor, floatTensor, type Nchw } from '../tensor.js';
import { checkInteger } from './checks.js';

/**
 * PyTorch's `nn.PixelShuffle(r)`: `[N, C·r², H, W]` → `[N, C, H·r, W·r]`, channel `c·r² + i·r + j`
 * going to offset (i, j) of each r×r block. No tensors. Exports to ONNX `DepthToSpace` (`CRD`).
 */
export class PixelShuffle extends Layer {
  readonly kind = 'PixelShuffle';

  constructor(readonly upscaleFactor: number) {
    super();
    checkInteger('upscaleFactor', upscaleFactor, 1);
  }

  forward(x: FloatTensor): FloatTensor {
    const { input } = this.shapesOf(x);
    const { data, dims } = pixelShuffle(x.data, input, this.upscaleFactor);
    return floatTensor(data, dims);
  }

  outputShape(input: Nchw): Nchw {
    const r = this.upscaleFactor;
    if (input[1] % (r * r) !== 0) {
      invalidArgument(`${this.kind} input`, `channels divisible by ${r * r}`, `dims [${input.join(', ')}]`);
    }
    return [input[0], input[1] / (r * r), input[2] * r, input[3] * r];
  }

  get spatial(): Spatial {
    return { up: this.upscaleFactor, down: 1, multiple: 1, regular: true };
  }

  edgeReach(input: EdgeReach): EdgeReach {
    return { before: input.before * this.upscaleFactor, after: input.after * this.upscaleFactor };
  }
}
