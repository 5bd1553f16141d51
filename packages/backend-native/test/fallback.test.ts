import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, expect, test } from 'vitest';

const root = new URL('../../../', import.meta.url).pathname;
const directory = join(root, '.docs-check', 'fallback');

afterAll(() => rmSync(directory, { recursive: true, force: true }));

test('an addon that cannot load degrades to wasm with one warning line that says why', async () => {
  mkdirSync(directory, { recursive: true });
  const script = join(directory, 'pick.mts');
  writeFileSync(
    script,
    [
      "import '@lico/backend-js';",
      "import '@lico/backend-native';",
      "import '@lico/backend-wasm';",
      "import { getBackend } from '@lico/core';",
      'console.log((await getBackend()).name);',
    ].join('\n'),
  );
  const { stdout, stderr } = await promisify(execFile)(
    join(root, 'node_modules/.bin/tsx'),
    ['--conditions=@lico/source', script],
    { cwd: root, env: { ...process.env, LICO_NATIVE_ADDON: '/nonexistent/lico_native.node' } },
  );
  expect(stdout.trim()).toBe('wasm');
  const warnings = stderr.split('\n').filter((line) => line.includes('LICO_BACKEND_FALLBACK'));
  expect(warnings).toHaveLength(1);
  expect(warnings[0]).toMatch(
    /native: the native addon \/nonexistent\/lico_native.node could not be loaded.*npm run build/,
  );
});
