/**
 * How a layer maps spatial sizes: for an input whose height and width are multiples of
 * `multiple`, the output is `input × up / down`. `regular` is false for layers that do not keep
 * that ratio exactly (a 3×3 convolution without padding loses two pixels): they still run, but
 * padding to the multiple, cropping and tiling need regular layers.
 */
export interface Spatial {
  readonly up: number;
  readonly down: number;
  readonly multiple: number;
  readonly regular: boolean;
}

/**
 * How many rows (or columns) at the start and at the end of a tensor may differ from what the
 * whole image would give, when the tensor is computed from a crop: at the input, 0 (every pixel
 * is right, but the zero padding beyond the crop stands in for pixels that exist). A layer maps
 * the input's reach to its output's; tiling discards that many output pixels at inner tile edges.
 */
export interface EdgeReach {
  readonly before: number;
  readonly after: number;
}

/** The spatial map of a layer that keeps sizes (activations, GDN). */
export const SAME_SIZE: Spatial = Object.freeze({ up: 1, down: 1, multiple: 1, regular: true });

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}

function lcm(a: number, b: number): number {
  return (a / gcd(a, b)) * b;
}

/** The spatial map of layers applied one after the other. */
export function chainSpatial(steps: readonly Spatial[]): Spatial {
  let up = 1;
  let down = 1;
  let multiple = 1;
  for (const step of steps) {
    // The size before this step is input × up / down; it must be a multiple of step.multiple.
    const need = step.multiple * down;
    multiple = lcm(multiple, need / gcd(up, need));
    up *= step.up;
    down *= step.down;
    const common = gcd(up, down);
    up /= common;
    down /= common;
  }
  return { up, down, multiple, regular: steps.every((s) => s.regular) };
}

/** The spatial map of parallel branches whose outputs are added: they must agree. */
export function sameSpatial(branches: readonly Spatial[]): Spatial {
  const [first] = branches;
  return {
    up: first.up,
    down: first.down,
    multiple: branches.reduce((m, b) => lcm(m, b.multiple), 1),
    regular: branches.every((b) => b.regular && b.up * first.down === first.up * b.down),
  };
}

/** The larger reach at each edge: parallel branches whose outputs are combined. */
export function widestReach(reaches: readonly EdgeReach[]): EdgeReach {
  return {
    before: Math.max(...reaches.map((r) => r.before)),
    after: Math.max(...reaches.map((r) => r.after)),
  };
}

/**
 * The reach after a convolution (kernel k, stride s, padding p) of an input whose outer rows are
 * unreliable: output o reads inputs o·s − p … o·s − p + k − 1.
 */
export function convReach(reach: EdgeReach, k: number, s: number, p: number): EdgeReach {
  return {
    before: reach.before + p >= 1 ? Math.floor((reach.before + p - 1) / s) + 1 : 0,
    after: Math.max(0, Math.floor((reach.after + k - 1 - p) / s)),
  };
}

/**
 * The reach after a transposed convolution (kernel k, stride s, padding p, output padding op):
 * input i adds to outputs i·s − p … i·s − p + k − 1.
 */
export function convTransposeReach(reach: EdgeReach, k: number, s: number, p: number, op: number): EdgeReach {
  return {
    before: Math.max(0, (reach.before - 1) * s - p + k),
    after: Math.max(0, reach.after * s + k + op - s - p),
  };
}
