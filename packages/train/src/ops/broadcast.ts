import { invalidArgument } from '@lico/core';

/** NumPy's broadcast of two shapes (dimensions aligned at the right; 1 stretches). */
export function broadcastShape(a: readonly number[], b: readonly number[]): number[] {
  const rank = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    const da = a[a.length - rank + i] ?? 1;
    const db = b[b.length - rank + i] ?? 1;
    if (da !== db && da !== 1 && db !== 1)
      invalidArgument(
        'shapes',
        'shapes that broadcast (equal dimensions, or 1)',
        `[${a.join(', ')}] and [${b.join(', ')}]`,
      );
    out.push(da === 1 ? db : da);
  }
  return out;
}

/** For each position of `outShape`, the index it reads in a tensor of `shape` broadcast to it. */
export function broadcastIndex(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const rank = outShape.length;
  const size = outShape.reduce((x, y) => x * y, 1);
  const strides = new Array<number>(rank).fill(0);
  let stride = 1;
  for (let i = rank - 1; i >= 0; i--) {
    const d = shape[shape.length - rank + i] ?? 1;
    strides[i] = d === 1 ? 0 : stride;
    stride *= d;
  }
  const index = new Int32Array(size);
  const counter = new Array<number>(rank).fill(0);
  let at = 0;
  for (let k = 0; k < size; k++) {
    index[k] = at;
    for (let i = rank - 1; i >= 0; i--) {
      counter[i]++;
      at += strides[i];
      if (counter[i] < outShape[i]) break;
      at -= strides[i] * counter[i];
      counter[i] = 0;
    }
  }
  return index;
}

const sameShape = (a: readonly number[], b: readonly number[]) =>
  a.length === b.length && a.every((d, i) => d === b[i]);

/** Sums a gradient of the broadcast shape back to the operand's shape. */
export function reduceToShape(grad: Float32Array, outShape: readonly number[], shape: readonly number[]): Float32Array {
  if (sameShape(outShape, shape)) return grad;
  const index = broadcastIndex(shape, outShape);
  const sums = new Float64Array(shape.reduce((x, y) => x * y, 1));
  for (let k = 0; k < grad.length; k++) sums[index[k]] += grad[k];
  const out = new Float32Array(sums.length);
  for (let k = 0; k < sums.length; k++) out[k] = sums[k];
  return out;
}

export { sameShape };
