import { invalidArgument, LicoError, seededRandom } from '@lico/core';
import { Parameter, type ParameterKind } from './parameter.js';
import {
  type MisShapedEntry,
  type StateDict,
  type StateDictLike,
  StateDictMismatchError,
  stateDictEntries,
} from './state-dict.js';

let revisions = 0;
const NAME = /^[A-Za-z0-9_]+$/;

/** Options of {@link Module.loadStateDict}. */
export interface LoadStateDictOptions {
  /**
   * With `true` (the default), names missing from the dict and names the module does not have
   * are errors, as in PyTorch. With `false` they are skipped. Mis-shaped entries are always errors.
   */
  readonly strict?: boolean;
}

/**
 * A node of a module tree, as PyTorch's `nn.Module`: named parameters, buffers and child
 * modules, so that the names of a tree's tensors are exactly those of the PyTorch model it
 * mirrors (`g_a.0.weight`). Layers that compute on tensors extend {@link Layer}; this base holds
 * only what every module shares: the state dict, loading, seeded initialization and a revision
 * number that tells caches when weights changed.
 */
export abstract class Module {
  /** The module's kind (`'Conv2d'`, `'GDN'`, …): how exporters find it, whatever the bundler does to class names. */
  abstract readonly kind: string;
  readonly #parameters = new Map<string, Parameter>();
  readonly #buffers = new Map<string, Parameter>();
  readonly #children = new Map<string, Module>();
  #revision = ++revisions;

  /** Adds a trained tensor of the given shape (zeros until initialized or loaded). */
  protected registerParameter(name: string, shape: readonly number[]): Parameter {
    return this.#register(name, shape, 'parameter', this.#parameters);
  }

  /** Adds a fixed tensor (PyTorch's `register_buffer`), filled with `values` if given. */
  protected registerBuffer(name: string, shape: readonly number[], values?: ArrayLike<number>): Parameter {
    const buffer = this.#register(name, shape, 'buffer', this.#buffers);
    if (values) buffer.data.set(values);
    return buffer;
  }

  /** Adds a child module under `name`; its tensors are named `name.…`. */
  protected registerModule<M extends Module>(name: string, module: M): M {
    this.#checkName(name);
    if (!(module instanceof Module)) invalidArgument(`module '${name}'`, 'a Module', module);
    this.#children.set(name, module);
    return module;
  }

  #register(name: string, shape: readonly number[], kind: ParameterKind, into: Map<string, Parameter>): Parameter {
    this.#checkName(name);
    const parameter = new Parameter(shape, kind);
    into.set(name, parameter);
    return parameter;
  }

  #checkName(name: string): void {
    if (typeof name !== 'string' || !NAME.test(name)) invalidArgument('name', 'letters, digits or _', name);
    if (this.#parameters.has(name) || this.#buffers.has(name) || this.#children.has(name)) {
      throw new LicoError('LICO_ALREADY_REGISTERED', `${this.kind} already has a member named '${name}'`);
    }
  }

  /** The direct children, by name, in registration order. */
  children(): ReadonlyMap<string, Module> {
    return this.#children;
  }

  /** This module and every descendant with its dotted path (`''` for this one), parents first. */
  *modules(prefix = ''): Generator<[string, Module]> {
    yield [prefix, this];
    for (const [name, child] of this.#children) yield* child.modules(prefix ? `${prefix}.${name}` : name);
  }

  /**
   * Every tensor of the tree with its dotted name, in PyTorch's `state_dict()` order (own
   * parameters, own buffers, then children). The tensors are the live ones, not copies.
   */
  *namedTensors(prefix = ''): Generator<[string, Parameter]> {
    const dotted = (name: string) => (prefix ? `${prefix}.${name}` : name);
    for (const [name, p] of this.#parameters) yield [dotted(name), p];
    for (const [name, b] of this.#buffers) yield [dotted(name), b];
    for (const [name, child] of this.#children) yield* child.namedTensors(dotted(name));
  }

  /** The trained tensors only (what an optimizer updates), in state-dict order. */
  *namedParameters(prefix = ''): Generator<[string, Parameter]> {
    for (const entry of this.namedTensors(prefix)) if (entry[1].kind === 'parameter') yield entry;
  }

  /**
   * The tree's tensors as a {@link StateDict}. The entries share memory with the module:
   * copy them (`data.slice()`) to keep a snapshot.
   * @example
   * ```ts
   * import { Conv2d, GDN, Sequential } from '@lico/transforms';
   * const gA = new Sequential(new Conv2d(3, 8, 5, { stride: 2, padding: 2 }), new GDN(8));
   * console.log([...gA.stateDict().keys()]);
   * // [ '0.weight', '0.bias', '1.beta', '1.gamma', '1.beta_reparam.pedestal', … ]
   * ```
   */
  stateDict(): StateDict {
    const dict: StateDict = new Map();
    for (const [name, p] of this.namedTensors()) dict.set(name, { data: p.data, shape: p.shape });
    return dict;
  }

  /**
   * Copies values from a state dict (any array-like data; float32 from a checkpoint or numbers).
   * Checks everything before changing anything: on a mismatch it throws a
   * {@link StateDictMismatchError} listing every missing, unexpected and mis-shaped name.
   */
  loadStateDict(dict: StateDictLike, options: LoadStateDictOptions = {}): this {
    const strict = options.strict ?? true;
    const own = new Map(this.namedTensors());
    const entries = stateDictEntries(dict);
    const seen = new Set<string>();
    const unexpected: string[] = [];
    const misShaped: MisShapedEntry[] = [];
    for (const [name, entry] of entries) {
      const target = own.get(name);
      if (!target) {
        unexpected.push(name);
        continue;
      }
      seen.add(name);
      const shape = Array.isArray(entry?.shape) ? entry.shape : [];
      const sameShape = shape.length === target.shape.length && shape.every((d, i) => d === target.shape[i]);
      if (!sameShape || entry.data?.length !== target.size) {
        misShaped.push({ name, expected: target.shape, actual: sameShape ? [entry.data?.length ?? 0] : shape });
      }
    }
    const missing = [...own.keys()].filter((name) => !seen.has(name));
    if (misShaped.length > 0 || (strict && (missing.length > 0 || unexpected.length > 0))) {
      throw new StateDictMismatchError(strict ? missing : [], strict ? unexpected : [], misShaped);
    }
    for (const [name, entry] of entries) own.get(name)?.data.set(entry.data);
    for (const [, module] of this.modules()) module.markChanged();
    return this;
  }

  /**
   * Sets every tensor of the tree from one seeded generator, module by module in state-dict
   * order, with each layer's PyTorch-like default initialization: the same seed gives the same
   * weights on every machine.
   */
  initialize(seed = 0): this {
    const random = seededRandom(seed);
    for (const [, module] of this.modules()) {
      module.resetParameters(random);
      module.markChanged();
    }
    return this;
  }

  /**
   * Draws this module's own tensors from `random` (uniform in [0, 1)); children are handled by
   * {@link initialize}. Layers override it; the default leaves tensors as they are.
   */
  protected resetParameters(_random: () => number): void {}

  /**
   * Records that this module's tensors changed. {@link loadStateDict} and {@link initialize}
   * call it; call it yourself after writing into a tensor's `data`, so that cached sessions
   * are rebuilt.
   */
  markChanged(): void {
    this.#revision = ++revisions;
  }

  /** A number that grows whenever a tensor anywhere in the tree changes through the API. */
  get revision(): number {
    let latest = 0;
    for (const [, module] of this.modules()) latest = Math.max(latest, module.#revision);
    return latest;
  }
}
