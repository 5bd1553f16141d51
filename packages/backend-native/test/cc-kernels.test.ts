import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

// The C++ kernels' own tests (cc/test/), built with g++ and run without Node's addon layer.
test('the C++ kernel tests pass when built and run natively', async () => {
  const cwd = new URL('..', import.meta.url).pathname;
  const { stdout } = await promisify(execFile)('npm', ['run', '--silent', 'test:cc'], { cwd, timeout: 300_000 });
  const summary = stdout.match(/(\d+) passed, (\d+) failed/);
  expect(summary, stdout).not.toBeNull();
  expect(Number(summary?.[2])).toBe(0);
  expect(Number(summary?.[1])).toBeGreaterThan(10);
});
