import { describeValue, LicoError } from '@lico/core';

/** One entry of a state dict: values in row-major order and their shape. */
export interface StateDictEntry {
  readonly data: Float32Array;
  readonly shape: readonly number[];
}

/**
 * A module tree's tensors as a flat, ordered map from PyTorch-style dotted names
 * (`g_a.0.weight`, `g_a.1.beta`, `g_a.1.beta_reparam.pedestal`) to values and shapes, in
 * the order PyTorch's `state_dict()` lists them: a module's parameters, then its buffers, then
 * its children's entries in registration order.
 */
export type StateDict = Map<string, StateDictEntry>;

/** What {@link Module.loadStateDict} accepts: a state dict, or entries as a plain object or an iterable. */
export type StateDictLike =
  | ReadonlyMap<string, LoadableEntry>
  | Iterable<readonly [string, LoadableEntry]>
  | Readonly<Record<string, LoadableEntry>>;

/** An entry to load: any array-like of numbers (copied into the module's float32 values) and its shape. */
export interface LoadableEntry {
  readonly data: ArrayLike<number>;
  readonly shape: readonly number[];
}

/** A name whose shape in the loaded dict differs from the module's. */
export interface MisShapedEntry {
  readonly name: string;
  readonly expected: readonly number[];
  readonly actual: readonly number[];
}

/**
 * Thrown (code `LICO_INVALID_ARGUMENT`) when a state dict does not fit a module tree; lists
 * every missing, unexpected and mis-shaped name so that an importer can map them in one pass.
 */
export class StateDictMismatchError extends LicoError {
  constructor(
    readonly missing: readonly string[],
    readonly unexpected: readonly string[],
    readonly misShaped: readonly MisShapedEntry[],
  ) {
    const parts: string[] = [];
    const list = (names: readonly string[]) =>
      names.length > 12 ? `${names.slice(0, 12).join(', ')} … (${names.length - 12} more)` : names.join(', ');
    if (missing.length > 0) parts.push(`missing ${missing.length}: ${list(missing)}`);
    if (unexpected.length > 0) parts.push(`unexpected ${unexpected.length}: ${list(unexpected)}`);
    if (misShaped.length > 0) {
      const shown = misShaped.map((m) => `${m.name} is [${m.actual}], expected [${m.expected}]`);
      parts.push(`mis-shaped ${misShaped.length}: ${list(shown)}`);
    }
    super(
      'LICO_INVALID_ARGUMENT',
      `the state dict does not fit the module (${parts.join('; ')}); rename or reshape those entries, or pass { strict: false } to ignore missing and unexpected names`,
    );
  }
}

/** The entries of a {@link StateDictLike} in order. */
export function stateDictEntries(dict: StateDictLike): [string, LoadableEntry][] {
  if (dict instanceof Map) return [...dict.entries()];
  if (typeof dict === 'object' && dict !== null && Symbol.iterator in dict) {
    return [...(dict as Iterable<readonly [string, LoadableEntry]>)].map(([k, v]) => [k, v]);
  }
  if (typeof dict === 'object' && dict !== null) return Object.entries(dict as Record<string, LoadableEntry>);
  throw new LicoError(
    'LICO_INVALID_ARGUMENT',
    `a state dict must be a Map, an iterable of [name, entry] or an object; got ${describeValue(dict)}`,
  );
}
