/** `max(x, 0)` (PyTorch's `ReLU`). */
export function relu(input: Float32Array): Float32Array {
  return input.map((x) => (x > 0 ? x : 0));
}

/** `x` where positive, else `slope · x` (PyTorch's `LeakyReLU`, slope 0.01 by default). */
export function leakyRelu(input: Float32Array, slope: number): Float32Array {
  return input.map((x) => (x >= 0 ? x : Math.fround(slope) * x));
}

/** `1 / (1 + e^−x)`. */
export function sigmoid(input: Float32Array): Float32Array {
  return input.map((x) => 1 / (1 + Math.exp(-x)));
}

/** Element-wise sum of equally shaped data. */
export function add(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((x, i) => x + b[i]);
}

/** Element-wise product of equally shaped data. */
export function multiply(a: Float32Array, b: Float32Array): Float32Array {
  return a.map((x, i) => x * b[i]);
}
