import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

const BEGIN = '<!-- bench:begin -->';
const END = '<!-- bench:end -->';

/** The files of one result set `NAME` in an output directory. */
export function resultFileNames(name: string) {
  return {
    json: `${name}.json`,
    csv: `${name}.csv`,
    imagesCsv: `${name}-images.csv`,
    markdown: `${name}.md`,
    bdJson: `${name}-bd-rate.json`,
    psnrSvg: `${name}-psnr.svg`,
    psnrPng: `${name}-psnr.png`,
    msssimSvg: `${name}-msssim.svg`,
    msssimPng: `${name}-msssim.png`,
  } as const;
}

/** Which of `files` already exist in `directory`. */
export function existingFiles(directory: string, files: readonly string[]): string[] {
  return files.filter((file) => existsSync(join(directory, file)));
}

/**
 * The Markdown of a result set: `measured` between the `bench:begin`/`bench:end` markers. When
 * `path` exists and has the markers, everything outside them (the analysis) is kept.
 */
export async function markdownWithMeasuredBlock(path: string, title: string, measured: string): Promise<string> {
  const block = `${BEGIN}\n${measured.trim()}\n${END}`;
  if (existsSync(path)) {
    const existing = await readFile(path, 'utf8');
    const begin = existing.indexOf(BEGIN);
    const end = existing.indexOf(END);
    if (begin >= 0 && end > begin) return existing.slice(0, begin) + block + existing.slice(end + END.length);
  }
  return `# ${title}\n\n${block}\n`;
}

/** Creates `directory` (and parents) if needed. */
export async function ensureDirectory(directory: string): Promise<void> {
  await mkdir(directory, { recursive: true });
}
