/** One named tensor of a weights file: its shape and its values (floats, or integers for integer networks). */
export interface WeightTensor {
  readonly shape: readonly number[];
  readonly data: Float32Array | Int32Array;
}

/** Tensors by name, in file order: PyTorch/CompressAI state-dict names such as `g_a.0.weight`. */
export type WeightMap = Map<string, WeightTensor>;

/** Number of elements of a shape. */
export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}
