import { invalidArgument } from '@lico/core';
import { accumulate, result, Variable } from '../variable.js';

function checkAxes(x: Variable, axes: readonly number[] | undefined): number[] {
  if (axes === undefined) return x.shape.map((_, i) => i);
  for (const a of axes)
    if (!Number.isInteger(a) || a < 0 || a >= x.shape.length)
      invalidArgument('axes', `axes from 0 to ${x.shape.length - 1}`, axes);
  return [...new Set(axes)].sort((a, b) => a - b);
}

// For each value of x, the index of the output it is summed into.
function reductionIndex(shape: readonly number[], axes: readonly number[]): { index: Int32Array; outShape: number[] } {
  const outShape = shape.filter((_, i) => !axes.includes(i));
  const strides = new Array<number>(shape.length).fill(0);
  let stride = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (axes.includes(i)) continue;
    strides[i] = stride;
    stride *= shape[i];
  }
  const size = shape.reduce((a, b) => a * b, 1);
  const index = new Int32Array(size);
  const counter = new Array<number>(shape.length).fill(0);
  let at = 0;
  for (let k = 0; k < size; k++) {
    index[k] = at;
    for (let i = shape.length - 1; i >= 0; i--) {
      counter[i]++;
      at += strides[i];
      if (counter[i] < shape[i]) break;
      at -= strides[i] * counter[i];
      counter[i] = 0;
    }
  }
  return { index, outShape };
}

function reduce(
  op: string,
  x: Variable,
  axes: readonly number[] | undefined,
  scale: (count: number) => number,
): Variable {
  if (!(x instanceof Variable)) invalidArgument(`${op}(x)`, 'a Variable', x);
  const which = checkAxes(x, axes);
  const counted = which.reduce((a, i) => a * x.shape[i], 1);
  const factor = scale(counted);
  if (which.length === x.shape.length) {
    let total = 0;
    for (let k = 0; k < x.size; k++) total += x.data[k];
    return result(op, Float32Array.of(total * factor), [], [x], (g) => {
      accumulate(x, new Float32Array(x.size).fill(g[0] * factor));
    });
  }
  const { index, outShape } = reductionIndex(x.shape, which);
  const sums = new Float64Array(x.size / counted);
  for (let k = 0; k < x.size; k++) sums[index[k]] += x.data[k];
  const out = new Float32Array(sums.length);
  for (let k = 0; k < sums.length; k++) out[k] = sums[k] * factor;
  return result(op, out, outShape, [x], (g) => {
    const grad = new Float32Array(x.size);
    for (let k = 0; k < x.size; k++) grad[k] = g[index[k]] * factor;
    accumulate(x, grad);
  });
}

/** The sum over `axes` (all by default: a scalar). */
export function sum(x: Variable, axes?: readonly number[]): Variable {
  return reduce('sum', x, axes, () => 1);
}

/** The mean over `axes` (all by default: a scalar). */
export function mean(x: Variable, axes?: readonly number[]): Variable {
  return reduce('mean', x, axes, (count) => 1 / count);
}

// out[t] = a[t] · b[t] for [B, M, K] · [B, K, N] (row-major, out zeroed).
function batchedProduct(
  a: Float32Array,
  b: Float32Array,
  out: Float32Array,
  B: number,
  M: number,
  K: number,
  N: number,
) {
  for (let t = 0; t < B; t++)
    for (let i = 0; i < M; i++) {
      const at = (t * M + i) * N;
      for (let k = 0; k < K; k++) {
        const v = a[(t * M + i) * K + k];
        const row = (t * K + k) * N;
        for (let j = 0; j < N; j++) out[at + j] += v * b[row + j];
      }
    }
}

// da[t] = g[t] · b[t]ᵀ.
function productGradA(g: Float32Array, b: Float32Array, da: Float32Array, B: number, M: number, K: number, N: number) {
  for (let t = 0; t < B; t++)
    for (let i = 0; i < M; i++) {
      const at = (t * M + i) * N;
      for (let k = 0; k < K; k++) {
        const row = (t * K + k) * N;
        let s = 0;
        for (let j = 0; j < N; j++) s += g[at + j] * b[row + j];
        da[(t * M + i) * K + k] = s;
      }
    }
}

// db[t] = a[t]ᵀ · g[t].
function productGradB(g: Float32Array, a: Float32Array, db: Float32Array, B: number, M: number, K: number, N: number) {
  for (let t = 0; t < B; t++)
    for (let i = 0; i < M; i++) {
      const at = (t * M + i) * N;
      for (let k = 0; k < K; k++) {
        const v = a[(t * M + i) * K + k];
        const row = (t * K + k) * N;
        for (let j = 0; j < N; j++) db[row + j] += v * g[at + j];
      }
    }
}

/**
 * Matrix product of `[M, K]` by `[K, N]`, or batched `[B, M, K]` by `[B, K, N]` (per-channel
 * matrices, as the factorized prior's density network uses).
 */
export function matmul(a: Variable, b: Variable): Variable {
  const batched = a.shape.length === 3;
  if (a.shape.length !== b.shape.length || (a.shape.length !== 2 && !batched))
    invalidArgument(
      'matmul(a, b)',
      'two 2-D or two 3-D variables',
      `[${a.shape.join(', ')}] and [${b.shape.join(', ')}]`,
    );
  const B = batched ? a.shape[0] : 1;
  const M = a.shape[a.shape.length - 2];
  const K = a.shape[a.shape.length - 1];
  const N = b.shape[b.shape.length - 1];
  if ((batched && b.shape[0] !== B) || b.shape[b.shape.length - 2] !== K)
    invalidArgument(
      'matmul(a, b)',
      'matching batch and inner dimensions',
      `[${a.shape.join(', ')}] and [${b.shape.join(', ')}]`,
    );
  const out = new Float32Array(B * M * N);
  batchedProduct(a.data, b.data, out, B, M, K, N);
  const shape = batched ? [B, M, N] : [M, N];
  return result('matmul', out, shape, [a, b], (g) => {
    if (a.requiresGrad) {
      const grad = new Float32Array(a.size);
      productGradA(g, b.data, grad, B, M, K, N);
      accumulate(a, grad);
    }
    if (b.requiresGrad) {
      const grad = new Float32Array(b.size);
      productGradB(g, a.data, grad, B, M, K, N);
      accumulate(b, grad);
    }
  });
}
