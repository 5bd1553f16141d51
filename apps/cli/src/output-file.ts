import { existsSync } from 'node:fs';

/** Why a command will not write `path`: it exists and `--force` was not given (or undefined: it may). */
export function refusalToOverwrite(path: string, force: boolean): string | undefined {
  return !force && existsSync(path) ? `${path} exists; pass --force to overwrite it` : undefined;
}
