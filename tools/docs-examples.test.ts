import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, test } from 'vitest';
import { findDocExamples, repositoryRoot } from './docs-examples.js';

const run = promisify(execFile);
const workDirectory = join(repositoryRoot, '.docs-check');
const examples = findDocExamples();

describe('documentation examples run', () => {
  mkdirSync(workDirectory, { recursive: true });
  afterAll(() => rmSync(workDirectory, { recursive: true, force: true }));

  test('there are examples to run', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  test.each(examples.map((e, i) => [e.origin, e, i] as const))('%s', async (_, example, i) => {
    // Inside the repository, so that workspace packages resolve; .mts for top-level await.
    const file = join(workDirectory, `example-${i}.mts`);
    writeFileSync(file, example.code);
    const tsx = join(repositoryRoot, 'node_modules/.bin/tsx');
    const { stderr } = await run(tsx, ['--conditions=@lico/source', file], { cwd: repositoryRoot, timeout: 120_000 });
    // Whole words only: Dawn's probe of the system's Vulkan drivers (before the SwiftShader
    // fallback) prints warnings that name its source file VulkanError.cpp.
    expect(stderr).not.toMatch(/\bError\b/);
  });
});
