import { invalidArgument } from '@lico/core';

/**
 * What a tensor of a module is, as in PyTorch: a trained `parameter` (`nn.Parameter`) or a
 * `buffer` (`register_buffer`: fixed values such as GDN's pedestal or a masked convolution's
 * mask). Both are in the state dict; only parameters are trained.
 */
export type ParameterKind = 'parameter' | 'buffer';

/** One named tensor of a module: float32 values in row-major order and their shape. */
export class Parameter {
  readonly data: Float32Array;

  constructor(
    readonly shape: readonly number[],
    readonly kind: ParameterKind = 'parameter',
  ) {
    if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0)) {
      invalidArgument('shape', 'an array of non-negative integers', shape);
    }
    this.shape = Object.freeze([...shape]);
    this.data = new Float32Array(shape.reduce((a, b) => a * b, 1));
  }

  /** Number of values. */
  get size(): number {
    return this.data.length;
  }
}
