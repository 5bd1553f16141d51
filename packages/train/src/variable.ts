import { invalidArgument, LicoError } from '@lico/core';
import { profiled, recycle } from './engine.js';

/** The operation that made a {@link Variable}: what it read, and how it sends a gradient back. */
export interface GradNode {
  /** The operation's name, for profiles and errors. */
  readonly op: string;
  readonly inputs: readonly Variable[];
  /** Adds the gradients of `inputs` (those that require one) given the output's gradient. */
  backward(grad: Float32Array): void;
  /** Arrays only `backward` reads (kept from the forward pass), given back once it has run. */
  readonly saved?: readonly Float32Array[];
}

/** Options of a {@link Variable} made by hand. */
export interface VariableOptions {
  /** Whether {@link backward} should compute this variable's gradient (a parameter). */
  readonly requiresGrad?: boolean;
  /** A name for errors and state dicts (CompressAI's, e.g. `g_a.0.weight`). */
  readonly name?: string;
}

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

function checkShape(shape: readonly number[]): void {
  if (!Array.isArray(shape) || shape.some((d) => !Number.isInteger(d) || d < 0))
    invalidArgument('shape', 'an array of integers ≥ 0', shape);
}

/**
 * A float32 tensor that remembers how it was computed, so that {@link backward} can send
 * gradients back through the operations that made it (reverse-mode automatic differentiation on
 * a dynamic tape: each result holds its {@link GradNode}, and `backward` walks them from the loss
 * in reverse order). Data is row-major; images and feature maps are NCHW.
 *
 * @example
 * ```ts
 * import { backward, mul, sum, Variable } from '@lico/train';
 *
 * const x = new Variable(Float32Array.of(1, 2, 3), [3], { requiresGrad: true });
 * const loss = sum(mul(x, x));
 * backward(loss);
 * console.log(loss.item(), Array.from(x.grad ?? [])); // 14 [2, 4, 6]
 * ```
 */
export class Variable {
  readonly shape: readonly number[];
  readonly size: number;
  /** The values; operations never change them in place. */
  readonly data: Float32Array;
  /**
   * The gradient of the last {@link backward} with respect to this variable: kept for leaves
   * (parameters, inputs made with `requiresGrad`), released for intermediate results.
   */
  grad: Float32Array | undefined;
  readonly requiresGrad: boolean;
  readonly name: string | undefined;
  /** The operation that made this variable, until a backward pass releases it. */
  creator: GradNode | undefined;

  constructor(data: Float32Array, shape: readonly number[], options: VariableOptions = {}) {
    checkShape(shape);
    if (!(data instanceof Float32Array) || data.length !== count(shape))
      invalidArgument('data', `a Float32Array of ${count(shape)} values for shape [${shape.join(', ')}]`, data);
    this.data = data;
    this.shape = [...shape];
    this.size = data.length;
    this.requiresGrad = options.requiresGrad ?? false;
    this.name = options.name;
  }

  /** A variable of zeros. */
  static zeros(shape: readonly number[], options?: VariableOptions): Variable {
    checkShape(shape);
    return new Variable(new Float32Array(count(shape)), shape, options);
  }

  /** A single number (shape `[]`). */
  static scalar(value: number): Variable {
    return new Variable(Float32Array.of(value), []);
  }

  /** The value of a one-element variable (a loss). */
  item(): number {
    if (this.size !== 1) invalidArgument('item()', 'a variable of one value', `shape [${this.shape.join(', ')}]`);
    return this.data[0];
  }

  /** Whether no operation made this variable (a parameter or an input). */
  get isLeaf(): boolean {
    return this.creator === undefined;
  }
}

let gradEnabled = true;

/** Whether operations record how they were computed (false inside {@link noGrad}). */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

/**
 * Runs `work` without recording operations (evaluation, parameter updates): results need no
 * gradient and keep nothing alive for a backward pass.
 */
export function noGrad<T>(work: () => T): T {
  const previous = gradEnabled;
  gradEnabled = false;
  try {
    return work();
  } finally {
    gradEnabled = previous;
  }
}

/**
 * The result of an operation: a variable over `data` that, when any input needs a gradient and
 * recording is on, remembers `backward`. Operations are built on this.
 */
export function result(
  op: string,
  data: Float32Array,
  shape: readonly number[],
  inputs: readonly Variable[],
  backward: (grad: Float32Array) => void,
  saved?: readonly Float32Array[],
): Variable {
  const requiresGrad = gradEnabled && inputs.some((v) => v.requiresGrad);
  const out = new Variable(data, shape, { requiresGrad });
  if (requiresGrad) out.creator = { op, inputs, backward, saved };
  return out;
}

/**
 * Adds `grad` to `v.grad` when `v` needs a gradient. `shared` says the array also serves
 * elsewhere (it is the output's own gradient, passed through): then it is copied, not adopted.
 * An array that is neither adopted nor shared is given back to the backend once added.
 */
export function accumulate(v: Variable, grad: Float32Array, shared = false): void {
  if (!v.requiresGrad) return;
  if (grad.length !== v.size)
    throw new LicoError('LICO_INTERNAL', `a gradient of ${grad.length} values reached a variable of ${v.size}`);
  if (v.grad === undefined) {
    v.grad = shared ? grad.slice() : grad;
    return;
  }
  const g = v.grad;
  for (let k = 0; k < g.length; k++) g[k] += grad[k];
  if (!shared) recycle(grad);
}

/** The operations that lead to `root`, each after everything it reads (iterative depth-first). */
function topologicalOrder(root: Variable): Variable[] {
  const order: Variable[] = [];
  const visited = new Set<Variable>([root]);
  const stack: [Variable, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const inputs = top[0].creator?.inputs ?? [];
    if (top[1] < inputs.length) {
      const next = inputs[top[1]++];
      if (next.requiresGrad && !visited.has(next)) {
        visited.add(next);
        stack.push([next, 0]);
      }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  return order;
}

/** Options of {@link backward}. */
export interface BackwardOptions {
  /** The gradient of `root` (required unless `root` holds one value, whose gradient is 1). */
  readonly seed?: Float32Array;
  /**
   * Also give the values of every intermediate result back to the backend once the backward
   * pass is done with them (their arrays are detached): only when nothing reads those results
   * afterwards, as in {@link trainStep}. Parameters and inputs are never touched.
   */
  readonly recycleValues?: boolean;
}

/**
 * Computes the gradient of `root` (a one-value loss, or any variable with `seed` as its
 * gradient) with respect to every variable that requires one, adding it to their `grad`.
 * The recorded operations are released as they are used (call it once per forward pass), and
 * intermediate gradients are given back to the backend as soon as they have been used.
 */
export function backward(root: Variable, options: BackwardOptions = {}): void {
  const { seed, recycleValues = false } = options;
  if (!root.requiresGrad)
    invalidArgument('backward(root)', 'a variable that depends on one that requires a gradient', 'a constant');
  if (seed === undefined && root.size !== 1)
    invalidArgument('seed', `a gradient for the ${root.size} values of root (or a one-value root)`, seed);
  accumulate(root, seed ?? new Float32Array(root.size).fill(1), seed !== undefined);
  const order = topologicalOrder(root);
  for (let k = order.length - 1; k >= 0; k--) {
    const v = order[k];
    const node = v.creator;
    if (!node) continue;
    const grad = v.grad;
    v.creator = undefined;
    v.grad = undefined;
    if (!grad) continue;
    profiled(`${node.op} (backward)`, () => node.backward(grad));
    // Every reader of v came later in the order and has run: what only v's node kept is done.
    if (grad !== seed) recycle(grad);
    for (const array of node.saved ?? []) recycle(array);
    // A reshape shares its input's values, which the input's own node may still read.
    if (recycleValues && node.op !== 'reshape') recycle(v.data);
  }
}

/** A variable over the same values that no gradient flows through (PyTorch's `detach()`). */
export function detach(v: Variable): Variable {
  return new Variable(v.data, v.shape);
}

/** Checks that `v` has `rank` dimensions; returns its shape. */
export function shapeOf(v: Variable, rank: number, what: string): readonly number[] {
  if (!(v instanceof Variable)) invalidArgument(what, 'a Variable', v);
  if (v.shape.length !== rank) invalidArgument(`${what}.shape`, `${rank} dimensions`, `[${v.shape.join(', ')}]`);
  return v.shape;
}
