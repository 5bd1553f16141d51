import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomically } from '@lico/core/node';

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** Where and on what a benchmark ran, recorded beside its numbers. */
export function machineInfo(): { cpu: string; cores: number; node: string; date: string } {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    node: process.version,
    date: new Date().toISOString(),
  };
}

/** Writes one more file of a result set (a plot) beside `NAME.json`. */
export async function writeResultFile(directory: string, file: string, text: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFileAtomically(join(directory, file), text);
}

/**
 * Writes `NAME.json` and the measured block of `NAME.md` in `directory`. Text outside the
 * `bench:begin`/`bench:end` markers of an existing Markdown file (the analysis) is kept.
 */
export async function writeResults(directory: string, name: string, json: unknown, measured: string): Promise<void> {
  await mkdir(directory, { recursive: true });
  await writeFileAtomically(join(directory, `${name}.json`), `${JSON.stringify(json, null, 2)}\n`);
  const mdPath = join(directory, `${name}.md`);
  const block = `${BEGIN}\n${measured.trim()}\n${END}`;
  let markdown = `# ${name} benchmark\n\n${block}\n`;
  if (existsSync(mdPath)) {
    const existing = await readFile(mdPath, 'utf8');
    const begin = existing.indexOf(BEGIN);
    const end = existing.indexOf(END);
    if (begin >= 0 && end > begin) markdown = existing.slice(0, begin) + block + existing.slice(end + END.length);
  }
  await writeFileAtomically(mdPath, markdown);
}
