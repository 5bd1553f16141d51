// Builds the N-API addon with node-gyp, at install (npm would otherwise run node-gyp itself,
// because of binding.gyp) and as part of `npm run build`. It skips the work when the addon is
// newer than every C++ source. A failed build does not fail the install: the native backend
// then says why it cannot start, and Lico falls back to wasm with one warning.
// LICO_REQUIRE_NATIVE=1 (set by CI) makes a failed build fatal.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDirectory = fileURLToPath(new URL('..', import.meta.url));
const addon = join(packageDirectory, 'build/Release/lico_native.node');
const sourceRoots = [join(packageDirectory, '../../cc'), join(packageDirectory, 'binding.gyp')];

function newestSource(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(0, ...readdirSync(path).map((entry) => newestSource(join(path, entry))));
}

function nodeGypScript() {
  try {
    const require = createRequire(import.meta.url);
    return join(dirname(require.resolve('node-gyp/package.json')), 'bin/node-gyp.js');
  } catch {
    return process.env.npm_config_node_gyp; // the node-gyp that npm ships, during npm install
  }
}

function build() {
  const script = nodeGypScript();
  if (!script) return 'node-gyp is not installed';
  const args = [script, 'rebuild'];
  // Offline machines: build against a system Node's headers (Debian's /usr/include/node)
  // instead of letting node-gyp download them, unless a nodedir is configured already.
  const prefix = dirname(dirname(process.execPath));
  if (!process.env.npm_config_nodedir && existsSync(join(prefix, 'include/node/node_api.h'))) {
    args.push(`--nodedir=${prefix}`);
  }
  const result = spawnSync(process.execPath, args, { cwd: packageDirectory, stdio: 'inherit' });
  return result.status === 0 ? undefined : `node-gyp exited with ${result.status ?? result.signal}`;
}

const upToDate = existsSync(addon) && statSync(addon).mtimeMs > Math.max(...sourceRoots.map(newestSource));
const failure = upToDate ? undefined : build();
if (failure) {
  const message = `build-addon: the native addon did not build (${failure}); Lico will use the wasm backend instead`;
  if (process.env.LICO_REQUIRE_NATIVE === '1') {
    console.error(`${message} (fatal because LICO_REQUIRE_NATIVE=1)`);
    process.exit(1);
  }
  console.warn(`${message}; it needs g++ with OpenMP, python3, make and oneDNN (Debian: libdnnl-dev)`);
}
