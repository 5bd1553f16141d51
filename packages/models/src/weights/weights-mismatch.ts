import { LicoError } from '@lico/core';

/** A tensor whose shape differs from the one the architecture needs. */
export interface MisShapedTensor {
  readonly name: string;
  readonly expected: readonly number[];
  readonly actual: readonly number[];
}

/** Everything that does not fit, by name. */
export interface WeightsMismatch {
  readonly missing: string[];
  readonly unexpected: string[];
  readonly misShaped: MisShapedTensor[];
}

/** An empty {@link WeightsMismatch} to collect into. */
export function noMismatch(): WeightsMismatch {
  return { missing: [], unexpected: [], misShaped: [] };
}

/** Throws a {@link WeightsMismatchError} if anything was collected. */
export function throwIfMismatch(target: string, { missing, unexpected, misShaped }: WeightsMismatch): void {
  if (missing.length + unexpected.length + misShaped.length > 0) {
    throw new WeightsMismatchError(target, missing, unexpected, misShaped);
  }
}

const list = (names: readonly string[]) =>
  names.length > 12 ? `${names.slice(0, 12).join(', ')} … (${names.length - 12} more)` : names.join(', ');

/**
 * Weights that do not fit an architecture (code `LICO_WEIGHTS_MISMATCH`): every missing,
 * unexpected and mis-shaped tensor, by name, in one error, as `StateDictMismatchError` of
 * `@lico/transforms` lists them for one module tree.
 */
export class WeightsMismatchError extends LicoError {
  constructor(
    /** What the weights were checked against, e.g. `mbt2018-mean (N=128, M=192)`. */
    readonly target: string,
    readonly missing: readonly string[],
    readonly unexpected: readonly string[],
    readonly misShaped: readonly MisShapedTensor[],
  ) {
    const parts: string[] = [];
    if (missing.length > 0) parts.push(`missing ${missing.length}: ${list(missing)}`);
    if (unexpected.length > 0) parts.push(`unexpected ${unexpected.length}: ${list(unexpected)}`);
    if (misShaped.length > 0) {
      const shown = misShaped.map((m) => `${m.name} is [${m.actual}], expected [${m.expected}]`);
      parts.push(`mis-shaped ${misShaped.length}: ${list(shown)}`);
    }
    super(
      'LICO_WEIGHTS_MISMATCH',
      `the weights do not fit ${target} (${parts.join('; ')}); check the architecture and its sizes`,
    );
  }
}
