import { InvalidArgumentError } from 'commander';

/** A commander parser of an integer from `least` to `most` (no upper bound when absent). */
export function integerIn(name: string, least: number, most = Number.MAX_SAFE_INTEGER) {
  return (text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < least || value > most) {
      const range = most === Number.MAX_SAFE_INTEGER ? `≥ ${least}` : `from ${least} to ${most}`;
      throw new InvalidArgumentError(`${name} must be an integer ${range}.`);
    }
    return value;
  };
}

/** A commander parser of an integer from 1 to `most`. */
export function positiveInteger(name: string, most: number) {
  return integerIn(name, 1, most);
}

/** A commander parser of a finite number above 0. */
export function positiveNumber(name: string) {
  return (text: string) => {
    const value = Number(text);
    if (!(Number.isFinite(value) && value > 0)) throw new InvalidArgumentError(`${name} must be a positive number.`);
    return value;
  };
}

/** A commander parser of a comma-separated list of names from `known`. */
export function listOf<T extends string>(what: string, known: readonly string[]) {
  return (text: string): T[] => {
    const names = text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const name of names) {
      if (!known.includes(name))
        throw new InvalidArgumentError(`unknown ${what} '${name}'; choose from ${known.join(', ')}.`);
    }
    if (names.length === 0) throw new InvalidArgumentError(`name at least one ${what}.`);
    return names as T[];
  };
}
