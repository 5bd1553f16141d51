import { invalidArgument } from '@lico/core';
import { accumulate, result, shapeOf, Variable } from '../variable.js';

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/** The same values in another shape of the same size (no copy). */
export function reshape(x: Variable, shape: readonly number[]): Variable {
  if (count(shape) !== x.size)
    invalidArgument('reshape(shape)', `a shape of ${x.size} values`, `[${shape.join(', ')}]`);
  return result('reshape', x.data, shape, [x], (g) => accumulate(x, g, true));
}

function axisOf(shape: readonly number[], axis: number): { outer: number; inner: number } {
  if (!Number.isInteger(axis) || axis < 0 || axis >= shape.length)
    invalidArgument('axis', `an axis from 0 to ${shape.length - 1}`, axis);
  return { outer: count(shape.slice(0, axis)), inner: count(shape.slice(axis + 1)) };
}

/** Joins variables along `axis` (channels by default); the other dimensions must agree. */
export function concat(xs: readonly Variable[], axis = 1): Variable {
  if (!Array.isArray(xs) || xs.length === 0 || !xs.every((x) => x instanceof Variable))
    invalidArgument('concat(xs)', 'a non-empty array of Variables', xs);
  const first = xs[0].shape;
  for (const x of xs) {
    if (x.shape.length !== first.length || x.shape.some((d, i) => i !== axis && d !== first[i]))
      invalidArgument('concat(xs)', `shapes that agree except on axis ${axis}`, `[${x.shape.join(', ')}]`);
  }
  const { outer, inner } = axisOf(first, axis);
  const sizes = xs.map((x) => x.shape[axis]);
  const total = sizes.reduce((a, b) => a + b, 0);
  const shape = first.map((d, i) => (i === axis ? total : d));
  const out = new Float32Array(count(shape));
  let offset = 0;
  xs.forEach((x, index) => {
    const block = sizes[index] * inner;
    for (let o = 0; o < outer; o++) out.set(x.data.subarray(o * block, (o + 1) * block), o * total * inner + offset);
    offset += block;
  });
  return result('concat', out, shape, xs, (g) => {
    let at = 0;
    xs.forEach((x, index) => {
      const block = sizes[index] * inner;
      if (x.requiresGrad) {
        const grad = new Float32Array(x.size);
        for (let o = 0; o < outer; o++)
          grad.set(g.subarray(o * total * inner + at, o * total * inner + at + block), o * block);
        accumulate(x, grad);
      }
      at += block;
    });
  });
}

/** Splits `x` along `axis` (channels by default) into parts of the given sizes. */
export function split(x: Variable, sizes: readonly number[], axis = 1): Variable[] {
  const { outer, inner } = axisOf(x.shape, axis);
  const total = x.shape[axis];
  if (sizes.reduce((a, b) => a + b, 0) !== total || sizes.some((s) => !Number.isInteger(s) || s < 1))
    invalidArgument('split(sizes)', `positive sizes adding up to ${total}`, sizes);
  let at = 0;
  return sizes.map((size) => {
    const start = at;
    at += size * inner;
    const block = size * inner;
    const shape = x.shape.map((d, i) => (i === axis ? size : d));
    const out = new Float32Array(outer * block);
    for (let o = 0; o < outer; o++)
      out.set(x.data.subarray(o * total * inner + start, o * total * inner + start + block), o * block);
    return result('split', out, shape, [x], (g) => {
      const grad = new Float32Array(x.size);
      for (let o = 0; o < outer; o++) grad.set(g.subarray(o * block, (o + 1) * block), o * total * inner + start);
      accumulate(x, grad);
    });
  });
}

/** Moves r·r channels into r×r blocks of positions (PyTorch's `pixel_shuffle`, sub-pixel convolution). */
export function pixelShuffle(x: Variable, r: number): Variable {
  const [n, c, h, w] = shapeOf(x, 4, 'pixelShuffle(x)');
  if (!Number.isInteger(r) || r < 1 || c % (r * r) !== 0)
    invalidArgument('pixelShuffle(r)', `a factor whose square divides ${c} channels`, r);
  const oc = c / (r * r);
  const out = new Float32Array(x.size);
  // out[b][k][y·r + i][x·r + j] = in[b][k·r² + i·r + j][y][x]
  const map = (visit: (from: number, to: number) => void) => {
    for (let b = 0; b < n; b++)
      for (let k = 0; k < oc; k++)
        for (let i = 0; i < r; i++)
          for (let j = 0; j < r; j++) {
            const src = (b * c + k * r * r + i * r + j) * h * w;
            for (let y = 0; y < h; y++) {
              const dst = ((b * oc + k) * h * r + y * r + i) * w * r + j;
              for (let xx = 0; xx < w; xx++) visit(src + y * w + xx, dst + xx * r);
            }
          }
  };
  map((from, to) => {
    out[to] = x.data[from];
  });
  return result('pixelShuffle', out, [n, oc, h * r, w * r], [x], (g) => {
    const grad = new Float32Array(x.size);
    map((from, to) => {
      grad[from] = g[to];
    });
    accumulate(x, grad);
  });
}

/**
 * Softmax over groups of channels: `x` `[N, K·C, H, W]` holds K groups of C channels (K mixture
 * components of C channels), and each output is `exp(x_k) / Σ_k' exp(x_k')` over the K values that
 * share a channel and a position (the weights of a Gaussian mixture, Cheng et al. 2020).
 */
export function softmaxChannels(x: Variable, groups: number): Variable {
  const [n, kc, h, w] = shapeOf(x, 4, 'softmaxChannels(x)');
  if (!Number.isInteger(groups) || groups < 1 || kc % groups !== 0)
    invalidArgument('softmaxChannels(groups)', `a number of groups that divides ${kc} channels`, groups);
  const plane = (kc / groups) * h * w;
  const out = new Float32Array(x.size);
  const input = x.data;
  for (let b = 0; b < n; b++) {
    const base = b * kc * h * w;
    for (let p = 0; p < plane; p++) {
      let most = -Infinity;
      for (let k = 0; k < groups; k++) most = Math.max(most, input[base + k * plane + p]);
      let total = 0;
      for (let k = 0; k < groups; k++) total += Math.exp(input[base + k * plane + p] - most);
      for (let k = 0; k < groups; k++) out[base + k * plane + p] = Math.exp(input[base + k * plane + p] - most) / total;
    }
  }
  return result('softmaxChannels', out, x.shape, [x], (g) => {
    const grad = new Float32Array(x.size);
    for (let b = 0; b < n; b++) {
      const base = b * kc * h * w;
      for (let p = 0; p < plane; p++) {
        let dot = 0;
        for (let k = 0; k < groups; k++) dot += g[base + k * plane + p] * out[base + k * plane + p];
        for (let k = 0; k < groups; k++) {
          const at = base + k * plane + p;
          grad[at] = out[at] * (g[at] - dot);
        }
      }
    }
    accumulate(x, grad);
  });
}

/** `[N, C, H, W]` → `[C, N·H·W]`: each channel's values in a row (for per-channel densities). */
export function channelsFirst(x: Variable): Variable {
  const [n, c, h, w] = shapeOf(x, 4, 'channelsFirst(x)');
  const plane = h * w;
  const permute = (from: Float32Array, back: boolean) => {
    const to = new Float32Array(from.length);
    for (let b = 0; b < n; b++)
      for (let k = 0; k < c; k++) {
        const a = (b * c + k) * plane;
        const d = (k * n + b) * plane;
        if (back) to.set(from.subarray(d, d + plane), a);
        else to.set(from.subarray(a, a + plane), d);
      }
    return to;
  };
  return result('channelsFirst', permute(x.data, false), [c, n * plane], [x], (g) => accumulate(x, permute(g, true)));
}

/** The inverse of {@link channelsFirst}: `[C, N·H·W]` back to `[N, C, H, W]`. */
export function channelsLast(x: Variable, shape: readonly [number, number, number, number]): Variable {
  const [n, c, h, w] = shape;
  if (x.size !== n * c * h * w || x.shape[0] !== c)
    invalidArgument(
      'channelsLast(shape)',
      `a shape of ${x.size} values with ${x.shape[0]} channels`,
      `[${shape.join(', ')}]`,
    );
  const plane = h * w;
  const permute = (from: Float32Array, back: boolean) => {
    const to = new Float32Array(from.length);
    for (let b = 0; b < n; b++)
      for (let k = 0; k < c; k++) {
        const a = (b * c + k) * plane;
        const d = (k * n + b) * plane;
        if (back) to.set(from.subarray(a, a + plane), d);
        else to.set(from.subarray(d, d + plane), a);
      }
    return to;
  };
  return result('channelsLast', permute(x.data, false), shape, [x], (g) => accumulate(x, permute(g, true)));
}

/**
 * Pads the last two axes below and to the right to multiples of `multiple`, repeating the last
 * row and column (as the codec pads y before h_a); returns `x` itself when nothing needs adding.
 */
export function padReplicate(x: Variable, multiple: number): Variable {
  const [n, c, h, w] = shapeOf(x, 4, 'padReplicate(x)');
  if (!Number.isInteger(multiple) || multiple < 1) invalidArgument('multiple', 'a positive integer', multiple);
  const [ph, pw] = [Math.ceil(h / multiple) * multiple, Math.ceil(w / multiple) * multiple];
  if (ph === h && pw === w) return x;
  const source = (i: number, j: number) => Math.min(i, h - 1) * w + Math.min(j, w - 1);
  const out = new Float32Array(n * c * ph * pw);
  for (let plane = 0; plane < n * c; plane++)
    for (let i = 0; i < ph; i++)
      for (let j = 0; j < pw; j++) out[(plane * ph + i) * pw + j] = x.data[plane * h * w + source(i, j)];
  return result('padReplicate', out, [n, c, ph, pw], [x], (g) => {
    const grad = new Float32Array(x.size);
    for (let plane = 0; plane < n * c; plane++)
      for (let i = 0; i < ph; i++)
        for (let j = 0; j < pw; j++) grad[plane * h * w + source(i, j)] += g[(plane * ph + i) * pw + j];
    accumulate(x, grad);
  });
}

/** The top-left `height × width` window of the last two axes; returns `x` itself when that is all of it. */
export function cropSpatial(x: Variable, height: number, width: number): Variable {
  const [n, c, h, w] = shapeOf(x, 4, 'cropSpatial(x)');
  if (!Number.isInteger(height) || !Number.isInteger(width) || height < 1 || width < 1 || height > h || width > w)
    invalidArgument('cropSpatial(height, width)', `a window inside ${h}×${w}`, `${height}×${width}`);
  if (height === h && width === w) return x;
  const out = new Float32Array(n * c * height * width);
  for (let plane = 0; plane < n * c; plane++)
    for (let i = 0; i < height; i++)
      out.set(x.data.subarray((plane * h + i) * w, (plane * h + i) * w + width), (plane * height + i) * width);
  return result('cropSpatial', out, [n, c, height, width], [x], (g) => {
    const grad = new Float32Array(x.size);
    for (let plane = 0; plane < n * c; plane++)
      for (let i = 0; i < height; i++)
        grad.set(g.subarray((plane * height + i) * width, (plane * height + i + 1) * width), (plane * h + i) * w);
    accumulate(x, grad);
  });
}
