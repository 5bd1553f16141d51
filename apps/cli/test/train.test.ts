import { existsSync } from 'node:fs';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ExitCode, runCli } from '../src/main.js';

function capture() {
  const lines: string[] = [];
  const errors: string[] = [];
  return { lines, errors, output: { out: (t: string) => lines.push(t), progress: (t: string) => errors.push(t) } };
}

describe('lico train', () => {
  // Photo crops in the repository, so that these tests run without ../shared beside it.
  const data = fileURLToPath(new URL('../../../fixtures/train', import.meta.url));
  const tiny = [
    '--data',
    data,
    '--N',
    '4',
    '--M',
    '6',
    '--batch',
    '1',
    '--crop',
    '64',
    '--backend',
    'js',
    '--checkpoint-every',
    '1',
  ];

  test('trains, reports, and refuses to start over an existing run without --resume', async () => {
    const out = await mkdtemp(join(tmpdir(), 'lico-cli-train-'));
    const args = ['train', '--arch', 'lico-checkerboard-gmm', '--lambda', '0.01', '--out', out, ...tiny];
    const run = capture();
    expect(await runCli([...args, '--steps', '2', '--json'], run.output)).toBe(ExitCode.ok);
    expect(JSON.parse(run.lines[0])).toMatchObject({ step: 2, stopped: false });
    expect(existsSync(join(out, 'weights.safetensors'))).toBe(true);
    const again = capture();
    expect(await runCli([...args, '--steps', '3'], again.output)).toBe(ExitCode.usage);
    expect(again.errors.join('\n')).toContain('--resume');
    expect(await runCli([...args, '--steps', '3', '--resume'], capture().output)).toBe(ExitCode.ok);
  }, 60_000);

  test('--lr-warmup raises the learning rate over the first steps', async () => {
    const out = await mkdtemp(join(tmpdir(), 'lico-cli-train-'));
    const args = ['train', '--arch', 'bmshj2018-hyperprior', '--lambda', '0.01', '--out', out, ...tiny];
    expect(await runCli([...args, '--steps', '2', '--lr-warmup', '4'], capture().output)).toBe(ExitCode.ok);
    const log = (await readFile(join(out, 'log.jsonl'), 'utf8')).trim().split('\n');
    expect(log.map((line) => JSON.parse(line).lr)).toEqual([5e-5]); // the last step is logged: 2 of 4
  }, 60_000);

  test('--minutes ends the run with weights; --resume goes on to --steps', async () => {
    const out = await mkdtemp(join(tmpdir(), 'lico-cli-train-'));
    const args = ['train', '--arch', 'bmshj2018-hyperprior', '--lambda', '0.01', '--out', out, ...tiny];
    const timed = capture();
    expect(await runCli([...args, '--steps', '100', '--minutes', '0.00001'], timed.output)).toBe(ExitCode.ok);
    expect(timed.lines[0]).toMatch(/^time limit: 1 steps .*weights in .*--resume continues$/);
    expect(existsSync(join(out, 'weights.safetensors'))).toBe(true);
    const rest = capture();
    expect(await runCli([...args, '--steps', '2', '--resume', '--json'], rest.output)).toBe(ExitCode.ok);
    expect(JSON.parse(rest.lines[0])).toMatchObject({ step: 2, stopped: false });
  }, 60_000);

  test('usage errors: unknown architecture, a λ that is not positive, --minutes 0, --lr-warmup -1', async () => {
    const out = await mkdtemp(join(tmpdir(), 'lico-cli-train-'));
    const base = ['train', '--steps', '1', '--out', out];
    expect(await runCli([...base, '--arch', 'jpeg', '--lambda', '0.01'], capture().output)).toBe(ExitCode.usage);
    expect(await runCli([...base, '--arch', 'bmshj2018-hyperprior', '--lambda', '-1'], capture().output)).toBe(
      ExitCode.usage,
    );
    expect(
      await runCli([...base, '--arch', 'bmshj2018-hyperprior', '--lambda', '0.01', '--minutes', '0'], capture().output),
    ).toBe(ExitCode.usage);
    expect(
      await runCli(
        [...base, '--arch', 'bmshj2018-hyperprior', '--lambda', '0.01', '--lr-warmup', '-1'],
        capture().output,
      ),
    ).toBe(ExitCode.usage);
  });
});
