import { rename, rm, writeFile } from 'node:fs/promises';

/**
 * Writes `data` to a temporary file beside `path`, then renames it into place, so a reader
 * never sees a half-written file; on failure the temporary file is removed and the error
 * rethrown.
 */
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
