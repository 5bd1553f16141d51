import { describe, expect, test } from 'vitest';
import { ExitCode, runCli } from '../src/main.js';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, output: { out: (t: string) => lines.push(t), progress: (t: string) => errors.push(t) } };
}

describe('lico bench train', () => {
  test('--json prints one JSON line with seconds per step', async () => {
    const run = capture();
    const args = ['bench', 'train', '--backend', 'js', '--N', '4', '--M', '4', '--batch', '1', '--crop', '64'];
    const code = await runCli([...args, '--steps', '1', '--warmup', '0', '--json'], run.output);
    expect(code).toBe(ExitCode.ok);
    expect(run.lines).toHaveLength(1);
    const result = JSON.parse(run.lines[0]);
    expect(result.arch).toBe('bmshj2018-hyperprior');
    expect(result.secondsPerStep).toBeGreaterThan(0);
    expect(result.backend).toMatch(/^js/);
  });

  test('the Markdown report, with a profile', async () => {
    const run = capture();
    const args = ['bench', 'train', '--backend', 'native', '--N', '8', '--M', '8', '--batch', '2', '--crop', '64'];
    expect(await runCli([...args, '--steps', '1', '--warmup', '0', '--profile'], run.output)).toBe(ExitCode.ok);
    expect(run.lines.join('\n')).toMatch(/seconds per step[\s\S]*Conv2d/);
  });

  test('a crop that is not a multiple of 64 is a usage error', async () => {
    const run = capture();
    expect(await runCli(['bench', 'train', '--crop', '100'], run.output)).toBe(ExitCode.usage);
  });
});
