import { InvalidArgumentError } from 'commander';

/** A commander parser of an integer from 1 to `most`. */
export function positiveInteger(name: string, most: number) {
  return (text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1 || value > most) {
      throw new InvalidArgumentError(`${name} must be an integer from 1 to ${most}.`);
    }
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
