import { invalidArgument } from '@lico/core';
import { Module } from '../module/module.js';
import type { Parameter } from '../module/parameter.js';

/** CompressAI's `LowerBound`: a `bound` buffer `[1]`; computes `max(x, bound)`. */
export class LowerBound extends Module {
  readonly kind = 'LowerBound';
  readonly bound: Parameter;

  constructor(readonly initialBound: number) {
    super();
    this.bound = this.registerBuffer('bound', [1], [initialBound]);
  }

  protected override resetParameters(): void {
    this.bound.data[0] = this.initialBound;
  }
}

/**
 * CompressAI's `NonNegativeParametrizer` (`compressai/ops/parametrizers.py`), which keeps GDN's
 * parameters positive during training. With pedestal `π = offset²` (2⁻³⁶ for the default
 * offset 2⁻¹⁸) and bound `√(minimum + π)`, a value `v` is stored as `√max(v + π, π)` and used
 * as `max(stored, bound)² − π`. State dict: `pedestal` `[1]` and `lower_bound.bound` `[1]`.
 */
export class NonNegativeParametrizer extends Module {
  readonly kind = 'NonNegativeParametrizer';
  readonly pedestal: Parameter;
  readonly lowerBound: LowerBound;

  constructor(
    readonly minimum = 0,
    readonly reparamOffset = 2 ** -18,
  ) {
    super();
    if (!Number.isFinite(minimum) || minimum < 0) invalidArgument('minimum', 'a finite number ≥ 0', minimum);
    if (!Number.isFinite(reparamOffset) || reparamOffset <= 0) {
      invalidArgument('reparamOffset', 'a finite number > 0', reparamOffset);
    }
    this.pedestal = this.registerBuffer('pedestal', [1], [reparamOffset ** 2]);
    this.lowerBound = this.registerModule('lower_bound', new LowerBound(Math.sqrt(minimum + reparamOffset ** 2)));
  }

  protected override resetParameters(): void {
    this.pedestal.data[0] = this.reparamOffset ** 2;
  }

  /** The stored form of values: `√max(v + π, π)`. */
  init(values: ArrayLike<number>): Float32Array {
    const pedestal = this.pedestal.data[0];
    return Float32Array.from(values, (v) => Math.sqrt(Math.max(v + pedestal, pedestal)));
  }

  /** The values stored ones stand for: `max(stored, bound)² − π`, with this module's buffers. */
  apply(stored: Float32Array): Float32Array {
    const pedestal = this.pedestal.data[0];
    const bound = this.lowerBound.bound.data[0];
    return stored.map((s) => Math.max(s, bound) ** 2 - pedestal);
  }
}
