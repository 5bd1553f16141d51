import { invalidArgument, LicoError, seededRandom } from '@lico/core';
import type { RandomSource } from './ops/quantize.js';
import { Variable } from './variable.js';

/** A tensor's shape and row-major values. */
export interface TensorData {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

/**
 * A flat map from names to tensors, as a PyTorch `state_dict` (CompressAI's names, e.g.
 * `g_a.0.weight`, `entropy_bottleneck._matrix0`), ready to be written as safetensors.
 */
export type StateDict = Map<string, TensorData>;

/** One parameter to create: its name, shape, initializer and optimizer group. */
export interface ParameterSpec {
  readonly name: string;
  readonly shape: readonly number[];
  /** Fills the initial values (called once, in the order of the specs). */
  readonly init: (data: Float32Array, random: RandomSource) => void;
  /**
   * Which optimizer updates it: `'main'` (default) or another name; CompressAI trains the
   * entropy bottleneck's `quantiles` with its own (`'aux'`).
   */
  readonly group?: string;
}

const count = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * A model's parameters in one flat buffer of values and one of gradients, each parameter a
 * {@link Variable} viewing its slice of both: an optimizer updates a whole group with one kernel
 * call (`AdamUpdate`), and `stateDict()` names every tensor. Groups are contiguous.
 *
 * @example
 * ```ts
 * import { Parameters, uniformInit } from '@lico/train';
 *
 * const params = Parameters.create(
 *   [
 *     { name: 'layer.weight', shape: [2, 3], init: uniformInit(0.5) },
 *     { name: 'layer.bias', shape: [2], init: (d) => d.fill(0) },
 *   ],
 *   1,
 * );
 * console.log(params.count, params.get('layer.weight').shape); // 8 [2, 3]
 * ```
 */
export class Parameters {
  /** Every parameter's values, group after group. */
  readonly values: Float32Array;
  /** Every parameter's gradient, in the same places. */
  readonly grads: Float32Array;
  readonly #variables = new Map<string, Variable>();
  readonly #groups = new Map<string, { start: number; end: number }>();

  private constructor(specs: readonly ParameterSpec[], random: RandomSource, frozen: boolean) {
    const names = new Set<string>();
    for (const spec of specs) {
      if (typeof spec.name !== 'string' || names.has(spec.name))
        invalidArgument('specs', 'parameters with distinct names', spec.name);
      names.add(spec.name);
    }
    const groupOf = (s: ParameterSpec) => s.group ?? 'main';
    const groups = [...new Set(specs.map(groupOf))];
    const ordered = groups.flatMap((g) => specs.filter((s) => groupOf(s) === g));
    const total = ordered.reduce((sum, s) => sum + count(s.shape), 0);
    this.values = new Float32Array(total);
    this.grads = new Float32Array(total);
    let at = 0;
    const views = new Map<string, Float32Array>();
    for (const spec of ordered) {
      const n = count(spec.shape);
      const variable = new Variable(this.values.subarray(at, at + n), spec.shape, {
        requiresGrad: !frozen,
        name: spec.name,
      });
      variable.grad = this.grads.subarray(at, at + n);
      this.#variables.set(spec.name, variable);
      views.set(spec.name, variable.data);
      const range = this.#groups.get(groupOf(spec)) ?? { start: at, end: at };
      range.end = at + n;
      this.#groups.set(groupOf(spec), range);
      at += n;
    }
    // Initialize in the order given, so that the draws do not depend on the grouping.
    for (const spec of specs) spec.init(views.get(spec.name) as Float32Array, random);
  }

  /**
   * Creates and initializes parameters; `seed` makes the initialization reproducible. `frozen`
   * parameters take no gradient: backward passes then skip the weight gradients (refining
   * latents through a fixed model).
   */
  static create(
    specs: readonly ParameterSpec[],
    seed: number | RandomSource = 0,
    options: { readonly frozen?: boolean } = {},
  ): Parameters {
    return new Parameters(specs, typeof seed === 'function' ? seed : seededRandom(seed), options.frozen ?? false);
  }

  /** The number of values. */
  get count(): number {
    return this.values.length;
  }

  /** The parameter called `name`. */
  get(name: string): Variable {
    const v = this.#variables.get(name);
    if (!v) {
      const known = [...this.#variables.keys()];
      throw new LicoError(
        'LICO_INVALID_ARGUMENT',
        `no parameter '${name}'; there are ${known.length}: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}`,
      );
    }
    return v;
  }

  has(name: string): boolean {
    return this.#variables.has(name);
  }

  /** Parameter names, group after group. */
  names(): string[] {
    return [...this.#variables.keys()];
  }

  /** The group names. */
  groups(): string[] {
    return [...this.#groups.keys()];
  }

  /** A group's values and gradients (views into the flat buffers). */
  group(name: string): { values: Float32Array; grads: Float32Array } {
    const range = this.#groups.get(name);
    if (!range) invalidArgument('group', `one of ${this.groups().join(', ')}`, name);
    return { values: this.values.subarray(range.start, range.end), grads: this.grads.subarray(range.start, range.end) };
  }

  /** Sets every gradient to zero. */
  zeroGrad(): void {
    this.grads.fill(0);
  }

  /** Name → shape and values (views: copy them to keep a snapshot). */
  stateDict(): StateDict {
    return new Map([...this.#variables].map(([name, v]) => [name, { shape: v.shape, data: v.data }]));
  }

  /**
   * Copies values from a state dict. Every parameter must be there with its shape; with
   * `strict` (default) so must nothing else be (buffers such as CompressAI's `…pedestal` or
   * `_quantized_cdf` are ignored only when `strict` is false).
   */
  loadStateDict(state: StateDict, options: { strict?: boolean } = {}): void {
    for (const [name, v] of this.#variables) {
      const entry = state.get(name);
      if (!entry) invalidArgument('state', `an entry for parameter '${name}'`, undefined);
      if (entry.data.length !== v.size || entry.shape.some((d, i) => d !== v.shape[i]))
        invalidArgument(`state['${name}']`, `shape [${v.shape.join(', ')}]`, `[${entry.shape.join(', ')}]`);
    }
    if (options.strict ?? true) {
      const extra = [...state.keys()].filter((k) => !this.#variables.has(k));
      if (extra.length > 0)
        invalidArgument('state', 'only entries that are parameters (or strict: false)', extra.join(', '));
    }
    for (const [name, v] of this.#variables) v.data.set((state.get(name) as TensorData).data);
  }
}

/** An initializer: U(−bound, bound). */
export function uniformInit(bound: number): ParameterSpec['init'] {
  return (data, random) => {
    for (let k = 0; k < data.length; k++) data[k] = (random() * 2 - 1) * bound;
  };
}

/** An initializer that fills one value. */
export function constantInit(value: number): ParameterSpec['init'] {
  return (data) => data.fill(value);
}

/**
 * A convolution's (or transposed convolution's) weight and bias under PyTorch's names and default
 * initialization: U(±1/√fanIn) with fanIn = weight.shape[1]·k² (PyTorch's rule, which for
 * `ConvTranspose2d`, weight `[in, out, k, k]`, counts the output channels).
 */
export function convSpecs(
  prefix: string,
  inChannels: number,
  outChannels: number,
  kernelSize: number,
  options: { transposed?: boolean } = {},
): ParameterSpec[] {
  const transposed = options.transposed ?? false;
  const shape = transposed
    ? [inChannels, outChannels, kernelSize, kernelSize]
    : [outChannels, inChannels, kernelSize, kernelSize];
  const bound = 1 / Math.sqrt(shape[1] * kernelSize * kernelSize);
  return [
    { name: `${prefix}.weight`, shape, init: uniformInit(bound) },
    { name: `${prefix}.bias`, shape: [outChannels], init: uniformInit(bound) },
  ];
}
