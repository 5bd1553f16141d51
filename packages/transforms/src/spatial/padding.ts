import { invalidArgument } from '@lico/core';
import { type FloatTensor, floatTensor, nchwOf } from '../tensor.js';

/**
 * How {@link padToMultiple} fills the rows and columns it adds below and to the right:
 * - `'replicate'` repeats the last row (column): no new edge, so a codec spends no bits on one;
 *   works for any size. The default.
 * - `'reflect'` mirrors the image without repeating the edge (`… c b | a b c | b a …`, PyTorch's
 *   and NumPy's `reflect`), folding back and forth when the padding is longer than the image; a
 *   1-pixel side is replicated.
 */
export type PaddingMode = 'replicate' | 'reflect';

/** Index into `[0, length)` for a position past the end, by `mode`. */
function sourceIndex(i: number, length: number, mode: PaddingMode): number {
  if (i < length) return i;
  if (mode === 'replicate' || length === 1) return length - 1;
  const period = 2 * (length - 1);
  const folded = i % period;
  return folded < length ? folded : period - folded;
}

/** Checks a padding mode argument. */
export function checkPaddingMode(mode: unknown): PaddingMode {
  if (mode !== 'replicate' && mode !== 'reflect') invalidArgument('padding', "'replicate' or 'reflect'", mode);
  return mode;
}

/**
 * Pads an NCHW tensor below and to the right so that height and width become multiples of
 * `multiple` (a network's total stride, e.g. 16 for a 4-stage analysis transform). Returns the
 * tensor itself when nothing needs adding.
 * @example
 * ```ts
 * import { floatTensor, padToMultiple } from '@lico/transforms';
 * const x = floatTensor(Float32Array.from([1, 2, 3, 4, 5, 6]), [1, 1, 2, 3]);
 * console.log([...padToMultiple(x, 4, 'reflect').data].slice(0, 4)); // [ 1, 2, 3, 2 ]
 * ```
 */
export function padToMultiple(x: FloatTensor, multiple: number, mode: PaddingMode = 'replicate'): FloatTensor {
  const [n, c, h, w] = nchwOf(x);
  if (!Number.isInteger(multiple) || multiple < 1) invalidArgument('multiple', 'a positive integer', multiple);
  checkPaddingMode(mode);
  const [ph, pw] = [Math.ceil(h / multiple) * multiple, Math.ceil(w / multiple) * multiple];
  if (ph === h && pw === w) return x;
  const out = new Float32Array(n * c * ph * pw);
  const columns = Int32Array.from({ length: pw }, (_, j) => sourceIndex(j, w, mode));
  for (let plane = 0; plane < n * c; plane++) {
    for (let i = 0; i < ph; i++) {
      const from = plane * h * w + sourceIndex(i, h, mode) * w;
      const to = (plane * ph + i) * pw;
      out.set(x.data.subarray(from, from + w), to);
      for (let j = w; j < pw; j++) out[to + j] = x.data[from + columns[j]];
    }
  }
  return floatTensor(out, [n, c, ph, pw]);
}

/**
 * The `height × width` window of an NCHW tensor starting at (`top`, `left`) (default: the
 * top-left corner, which undoes {@link padToMultiple}). Returns the tensor itself when the
 * window is all of it.
 * @example
 * ```ts
 * import { crop, floatTensor } from '@lico/transforms';
 * const x = floatTensor(Float32Array.from({ length: 16 }, (_, i) => i), [1, 1, 4, 4]);
 * console.log([...crop(x, 2, 2, 1, 1).data]); // [ 5, 6, 9, 10 ]
 * ```
 */
export function crop(x: FloatTensor, height: number, width: number, top = 0, left = 0): FloatTensor {
  const [n, c, h, w] = nchwOf(x);
  for (const [name, value] of Object.entries({ height, width, top, left })) {
    if (!Number.isInteger(value) || value < (name === 'top' || name === 'left' ? 0 : 1)) {
      invalidArgument(name, 'a non-negative integer (height and width ≥ 1)', value);
    }
  }
  if (top + height > h || left + width > w) {
    invalidArgument('crop window', `inside the ${h}×${w} tensor`, `${height}×${width} at (${top}, ${left})`);
  }
  if (height === h && width === w) return x;
  const out = new Float32Array(n * c * height * width);
  for (let plane = 0; plane < n * c; plane++) {
    for (let i = 0; i < height; i++) {
      const from = (plane * h + top + i) * w + left;
      out.set(x.data.subarray(from, from + width), (plane * height + i) * width);
    }
  }
  return floatTensor(out, [n, c, height, width]);
}
