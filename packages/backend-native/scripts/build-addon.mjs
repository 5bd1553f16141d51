// Builds the N-API addon with node-gyp. A failed build does not fail the install: the native
// backend then says why it cannot start, and Lico falls back to wasm with one warning.
// LICO_REQUIRE_NATIVE=1 (set by CI) makes a failed build fatal.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const nodeGyp = join(dirname(require.resolve('node-gyp/package.json')), 'bin/node-gyp.js');
const args = [nodeGyp, 'rebuild'];
// Offline machines: build against the headers of a system Node (Debian's /usr/include/node)
// instead of letting node-gyp download them, unless a nodedir is configured already.
const systemHeaders = join(dirname(dirname(process.execPath)), 'include/node/node_api.h');
if (!process.env.npm_config_nodedir && existsSync(systemHeaders)) {
  args.push(`--nodedir=${dirname(dirname(process.execPath))}`);
}
const result = spawnSync(process.execPath, args, { stdio: 'inherit' });
if (result.status !== 0) {
  const message = 'build-addon: the native addon did not build; Lico will use the wasm backend instead';
  if (process.env.LICO_REQUIRE_NATIVE === '1') {
    console.error(`${message} (fatal because LICO_REQUIRE_NATIVE=1)`);
    process.exit(1);
  }
  console.warn(`${message} (needs g++ with OpenMP, python3 and make)`);
}
