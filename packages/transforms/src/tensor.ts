import { invalidArgument, Tensor, type TypedTensor } from '@lico/core';

/** A float32 tensor (core's `Tensor`, which is onnxruntime-common's) with its data on the CPU. */
export type FloatTensor = TypedTensor<'float32'>;

/** The dims of an NCHW tensor: batch, channels, height, width. */
export type Nchw = readonly [n: number, c: number, h: number, w: number];

/**
 * Wraps float32 data as a tensor of the given dims, without a copy.
 * @example
 * ```ts
 * import { floatTensor } from '@lico/transforms';
 * const x = floatTensor(new Float32Array(2 * 3 * 4 * 5), [2, 3, 4, 5]);
 * console.log(x.dims); // [ 2, 3, 4, 5 ]
 * ```
 */
export function floatTensor(data: Float32Array, dims: readonly number[]): FloatTensor {
  const size = dims.reduce((a, b) => a * b, 1);
  if (data.length !== size) invalidArgument('data', `a Float32Array of ${size} values for dims [${dims}]`, data);
  return new Tensor('float32', data, dims) as FloatTensor;
}

/**
 * Checks that `x` is a float32 NCHW tensor on the CPU (any object with `type`, `dims` and a
 * `Float32Array` `data`, so tensors of every ONNX Runtime package pass) and returns its dims.
 */
export function nchwOf(x: unknown, parameter = 'input'): Nchw {
  const t = x as { type?: unknown; dims?: unknown; data?: unknown } | undefined;
  if (typeof t !== 'object' || t === null || t.type !== 'float32' || !(t.data instanceof Float32Array)) {
    invalidArgument(parameter, 'a float32 tensor with its data on the CPU', t?.type ?? x);
  }
  const dims = t.dims as readonly number[];
  if (!Array.isArray(dims) || dims.length !== 4 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
    invalidArgument(parameter, 'an NCHW tensor (4 dims, each at least 1)', dims ?? x);
  }
  if (t.data.length !== dims[0] * dims[1] * dims[2] * dims[3]) {
    invalidArgument(parameter, `data of ${dims.join('×')} values`, t.data);
  }
  return [dims[0], dims[1], dims[2], dims[3]];
}
