import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ExitCode, runCli } from '../src/main.js';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, output: { out: (t: string) => lines.push(t), progress: (t: string) => errors.push(t) } };
}

describe('lico', () => {
  test('--help lists backends and bench, and bench entropy --help its options', async () => {
    const top = capture();
    expect(await runCli(['--help'], top.output)).toBe(ExitCode.ok);
    expect(top.lines.join('\n')).toMatch(/backends[\s\S]*bench/);
    const sub = capture();
    expect(await runCli(['bench', 'entropy', '--help'], sub.output)).toBe(ExitCode.ok);
    expect(sub.lines.join('\n')).toMatch(/--symbols[\s\S]*--json/);
  });

  test('bench entropy --json prints one JSON line and writes the result files', async () => {
    const out = await mkdtemp(join(tmpdir(), 'lico-bench-'));
    const run = capture();
    const code = await runCli(
      [
        'bench',
        'entropy',
        '--symbols',
        '200000',
        '--lanes',
        '8',
        '--repeats',
        '1',
        '--backends',
        'js',
        '--json',
        '--out',
        out,
      ],
      run.output,
    );
    expect(code).toBe(ExitCode.ok);
    expect(run.lines).toHaveLength(1);
    const result = JSON.parse(run.lines[0]);
    expect(result.symbols).toBe(200000);
    expect(result.overheadPct).toBeGreaterThan(0);
    // These symbols come from near-deterministic tables and carry a few kbit, so the lane's
    // 7 bytes alone are over 1 %; the 0.1 % bound is tested on 1 M symbols in @lico/entropy.
    expect(result.overheadPct).toBeLessThan(3);
    expect(result.backends.js.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(result.backends.js.decodeMsps).toBeGreaterThan(0);
    expect(JSON.parse(await readFile(join(out, 'entropy.json'), 'utf8')).symbols).toBe(200000);
    expect(await readFile(join(out, 'entropy.md'), 'utf8')).toContain('| js |');
  });

  test('bench entropy-models --json: every model, the same stream on each backend', async () => {
    const run = capture();
    const args = ['bench', 'entropy-models', '--width', '128', '--height', '128', '--N', '16', '--M', '24'];
    const code = await runCli([...args, '--backends', 'js,wasm', '--json', '--no-write'], run.output);
    expect(code).toBe(ExitCode.ok);
    const result = JSON.parse(run.lines[0]);
    expect(Object.keys(result.models)).toEqual(['factorized', 'gaussian', 'gmm', 'hyperprior-checkerboard']);
    for (const model of Object.values(result.models) as {
      bitsOverLikelihoodPct: number;
      backends: Record<string, { ms: number; sha256: string }>;
    }[]) {
      expect(model.backends.js.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(model.backends.wasm.sha256).toBe(model.backends.js.sha256);
      expect(model.backends.js.ms).toBeGreaterThan(0);
      // Tiny latents: lane headers weigh; the 1 % bound is tested per model in @lico/entropy-models.
      expect(Math.abs(model.bitsOverLikelihoodPct)).toBeLessThan(10);
    }
    expect(await runCli(['bench', 'entropy-models', '--models', 'jpeg'], capture().output)).toBe(ExitCode.usage);
  }, 60_000);

  test('a bad option value is a usage error (exit 2)', async () => {
    const run = capture();
    expect(await runCli(['bench', 'entropy', '--symbols', 'many'], run.output)).toBe(ExitCode.usage);
    expect(run.errors.join('\n')).toContain('--symbols must be an integer');
    expect(await runCli(['bench', 'entropy', '--backends', 'cuda'], capture().output)).toBe(ExitCode.usage);
  });
});

describe('lico backends', () => {
  test('--json lists the four backends with js available and a default', async () => {
    const run = capture();
    await runCli(['backends', '--json'], run.output);
    const report = JSON.parse(run.lines[0]);
    expect(report.backends.map((b: { name: string }) => b.name)).toEqual(['js', 'native', 'wasm', 'webgpu']);
    const js = report.backends.find((b: { name: string }) => b.name === 'js');
    expect(js.available).toBe(true);
    expect(js.kernels).toContain('RansDecode');
    expect(typeof report.default).toBe('string');
  });
});
