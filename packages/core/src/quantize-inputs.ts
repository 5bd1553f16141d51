import { invalidArgument, LicoError } from './errors.js';
import { MAX_FIXED_LATENT, MAX_FIXED_STEP } from './kernels/fixed-point.js';
import type { TcqRateTables } from './kernels/TcqQuantize.js';

/** Largest `bitCost` of TcqQuantize (λ = 64). */
export const MAX_TCQ_BIT_COST = 2 ** 22;
/** Largest entry of a TCQ rate table; a larger cost is clamped to it when tables are built. */
export const MAX_TCQ_RATE_COST = 2 ** 28;

function checkFixed(name: string, values: Int32Array | undefined, length: number): void {
  if (values === undefined) return;
  if (!(values instanceof Int32Array) || values.length !== length) {
    invalidArgument(name, `an Int32Array of ${length} fixed-point values`, values);
  }
  for (let i = 0; i < values.length; i++) {
    if (values[i] > MAX_FIXED_LATENT || values[i] < -MAX_FIXED_LATENT) {
      throw new LicoError(
        'LICO_LIMIT_EXCEEDED',
        `${name}[${i}] is ${values[i]}; fixed-point values stay within ±${MAX_FIXED_LATENT}`,
      );
    }
  }
}

function checkStep(step: number): void {
  if (!Number.isInteger(step) || step < 1 || step > MAX_FIXED_STEP) {
    invalidArgument('step', `an integer from 1 to ${MAX_FIXED_STEP} (fixed point)`, step);
  }
}

/** Checks shared by every backend's QuantizeScalar and DequantizeScalar. */
export function checkScalarQuantizeInputs(
  values: Int32Array,
  means: Int32Array | undefined,
  attrs: { step: number; rounding?: number },
  valuesName = 'latents',
): void {
  if (!(values instanceof Int32Array)) invalidArgument(valuesName, 'an Int32Array', values);
  if (valuesName === 'latents') checkFixed('latents', values, values.length);
  checkFixed('means', means, values.length);
  checkStep(attrs.step);
  if (
    attrs.rounding !== undefined &&
    (!Number.isInteger(attrs.rounding) || attrs.rounding < 0 || attrs.rounding >= attrs.step)
  ) {
    invalidArgument('rounding', `an integer from 0 to step - 1 (${attrs.step - 1})`, attrs.rounding);
  }
}

/** Checks shared by every backend's TcqQuantize and TcqDequantize. */
export function checkTcqAttrs(attrs: { step: number; states: number; sequenceLength: number; bitCost?: number }): void {
  checkStep(attrs.step);
  if (attrs.states !== 4 && attrs.states !== 8) invalidArgument('states', '4 or 8', attrs.states);
  if (!Number.isInteger(attrs.sequenceLength) || attrs.sequenceLength < 1) {
    invalidArgument('sequenceLength', 'a positive integer', attrs.sequenceLength);
  }
  if (
    attrs.bitCost !== undefined &&
    (!Number.isInteger(attrs.bitCost) || attrs.bitCost < 0 || attrs.bitCost > MAX_TCQ_BIT_COST)
  ) {
    invalidArgument('bitCost', `an integer from 0 to ${MAX_TCQ_BIT_COST} (λ · 2^16, λ ≤ 64)`, attrs.bitCost);
  }
}

/** Checks the inputs of TcqQuantize; table indexes are checked per value by the kernels. */
export function checkTcqQuantizeInputs(
  latents: Int32Array,
  means: Int32Array | undefined,
  tableIndexes: Int32Array,
  rates: TcqRateTables,
): void {
  checkScalarQuantizeInputs(latents, means, { step: 1 });
  if (!(tableIndexes instanceof Int32Array) || tableIndexes.length !== latents.length) {
    invalidArgument('tableIndexes', `an Int32Array with one table per latent (${latents.length})`, tableIndexes);
  }
  const { costs, starts, offsets } = rates ?? ({} as TcqRateTables);
  if (!(costs instanceof Uint32Array) || !(starts instanceof Uint32Array) || !(offsets instanceof Int32Array)) {
    invalidArgument('rates', '{ costs: Uint32Array, starts: Uint32Array, offsets: Int32Array }', rates);
  }
  const rows = starts.length - 1;
  if (rows < 2 || rows % 2 !== 0 || offsets.length !== rows || starts[0] !== 0 || starts[rows] !== costs.length) {
    invalidArgument(
      'rates',
      'two rows (Q0, Q1) per table, starts from 0 to costs.length and one offset per row',
      rates,
    );
  }
  for (let r = 0; r < rows; r++) {
    if (starts[r + 1] <= starts[r])
      invalidArgument(`rates row ${r}`, 'at least one entry (the escape)', starts[r + 1] - starts[r]);
    if (Math.abs(offsets[r]) > MAX_FIXED_LATENT)
      invalidArgument(`rates.offsets[${r}]`, `within ±${MAX_FIXED_LATENT}`, offsets[r]);
  }
  for (let i = 0; i < costs.length; i++) {
    if (costs[i] > MAX_TCQ_RATE_COST) invalidArgument(`rates.costs[${i}]`, `at most ${MAX_TCQ_RATE_COST}`, costs[i]);
  }
}
