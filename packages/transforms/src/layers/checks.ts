import { invalidArgument } from '@lico/core';

/** Throws unless `value` is an integer ≥ `min`. */
export function checkInteger(parameter: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    invalidArgument(parameter, min === 0 ? 'a non-negative integer' : `an integer ≥ ${min}`, value);
  }
  return value;
}
