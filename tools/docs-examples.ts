/**
 * Finds the runnable examples of the repository: the ```ts fences of every README.md and the
 * `@example` blocks of every package's sources. `docs-examples.test.ts` runs each one.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

export interface DocExample {
  /** Where it was found, e.g. `packages/entropy/README.md#2`. */
  readonly origin: string;
  readonly code: string;
}

export const repositoryRoot = new URL('..', import.meta.url).pathname;

function filesUnder(directory: string, accept: (name: string) => boolean): string[] {
  const found: string[] = [];
  for (const entry of readdirSync(directory)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    const path = join(directory, entry);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, accept));
    else if (accept(entry)) found.push(path);
  }
  return found;
}

function readmeExamples(path: string): DocExample[] {
  const fences = [...readFileSync(path, 'utf8').matchAll(/```ts\n([\s\S]*?)```/g)];
  return fences.map((m, i) => ({ origin: `${relative(repositoryRoot, path)}#${i + 1}`, code: m[1] }));
}

function sourceExamples(path: string): DocExample[] {
  const blocks = [
    ...readFileSync(path, 'utf8').matchAll(/@example\n((?:\s*\*.*\n)*?)\s*\*\/|@example\n((?:\s*\*.*\n)+?)\s*\* @/g),
  ];
  return blocks.flatMap((m, i) => {
    const lines = (m[1] ?? m[2]).split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
    const fence = lines.join('\n').match(/```ts\n([\s\S]*?)```/);
    return fence ? [{ origin: `${relative(repositoryRoot, path)}@example${i + 1}`, code: fence[1] }] : [];
  });
}

/** Every example of the repository's READMEs and package sources. */
export function findDocExamples(): DocExample[] {
  const readmes = [
    join(repositoryRoot, 'README.md'),
    ...filesUnder(join(repositoryRoot, 'packages'), (n) => n === 'README.md'),
    ...filesUnder(join(repositoryRoot, 'apps'), (n) => n === 'README.md'),
  ];
  const sources = [
    ...filesUnder(join(repositoryRoot, 'packages'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')),
    ...filesUnder(join(repositoryRoot, 'apps'), (n) => n.endsWith('.ts') && !n.endsWith('.test.ts')),
  ].filter((p) => p.includes('/src/'));
  return [...readmes.flatMap(readmeExamples), ...sources.flatMap(sourceExamples)];
}
