import { existsSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';

/** Why a command will not write `path`: it exists and `--force` was not given (or undefined: it may). */
export function refusalToOverwrite(path: string, force: boolean): string | undefined {
  return !force && existsSync(path) ? `${path} exists; pass --force to overwrite it` : undefined;
}

/** Writes `data` to a temporary file beside `path`, then renames it into place: no half-written output. */
export async function writeFileAtomically(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
