import { type Backend, type BackendName, LicoError } from '@lico/core';
import { startJs } from './js.js';
import { startNative } from './native.js';
import type { Provider, ProviderOptions } from './provider.js';
import { reasonOf } from './provider.js';
import { startWasm } from './wasm.js';
import { startWebGpu } from './webgpu.js';

/** Which ONNX Runtime each Lico backend name runs the transforms on. */
const STARTERS: Record<string, (options: ProviderOptions) => Promise<Provider> | Provider> = {
  native: startNative,
  wasm: startWasm,
  webgpu: startWebGpu,
  js: startJs,
};

/** The backend names a session can run on. */
export const TRANSFORM_BACKENDS: readonly BackendName[] = Object.freeze(Object.keys(STARTERS));

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';
/** Tried in order when no backend is named: native (Node), then wasm. js and webgpu only by name. */
const DEFAULT_CHAIN: readonly BackendName[] = isNode ? ['native', 'wasm'] : ['wasm'];

const started = new Map<string, Promise<Provider>>();
let fallbackWarned = false;

function start(name: BackendName, options: ProviderOptions): Promise<Provider> {
  const starter = STARTERS[name];
  if (!starter) {
    return Promise.reject(
      new Error(`'${name}' is not a transforms backend (use one of ${TRANSFORM_BACKENDS.join(', ')})`),
    );
  }
  // Providers are shared per name and options, except those holding a caller's device.
  const key = options.device || options.backendObject ? undefined : `${name}:${options.threads ?? ''}`;
  const existing = key ? started.get(key) : undefined;
  if (existing) return existing;
  const promise = (async () => starter(options))();
  if (key) {
    started.set(key, promise);
    promise.catch(() => started.delete(key));
  }
  return promise;
}

function warnFallback(chosen: BackendName, skipped: string[]): void {
  if (fallbackWarned) return;
  fallbackWarned = true;
  const message = `Lico's transforms run on '${chosen}'; skipped ${skipped.join('; ')}`;
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, { code: 'LICO_BACKEND_FALLBACK' });
  else console.warn(`[LICO_BACKEND_FALLBACK] ${message}`);
}

/**
 * The provider for a backend choice: a name (exactly that one, or `LICO_BACKEND_UNAVAILABLE`
 * with the reason), a list (the first that starts, or `LICO_NO_BACKEND` with every reason), a
 * started Lico `Backend` (its name; webgpu also borrows its device), or nothing (native, then
 * wasm, with one `LICO_BACKEND_FALLBACK` warning per process when native was skipped).
 */
export async function resolveProvider(
  choice: BackendName | Backend | readonly BackendName[] | undefined,
  options: ProviderOptions,
): Promise<Provider> {
  if (typeof choice === 'object' && choice !== null && !Array.isArray(choice)) {
    const backend = choice as Backend;
    return resolveProvider(backend.name, { ...options, backendObject: backend });
  }
  if (typeof choice === 'string') {
    try {
      return await start(choice, options);
    } catch (error) {
      throw new LicoError(
        'LICO_BACKEND_UNAVAILABLE',
        `the '${choice}' transforms backend did not start: ${reasonOf(error)}`,
        {
          cause: error,
        },
      );
    }
  }
  const chain = (choice as readonly BackendName[] | undefined) ?? DEFAULT_CHAIN;
  const skipped: string[] = [];
  for (const name of chain) {
    try {
      const provider = await start(name, options);
      if (skipped.length > 0 && choice === undefined) warnFallback(name, skipped);
      return provider;
    } catch (error) {
      skipped.push(`${name}: ${reasonOf(error)}`);
    }
  }
  throw new LicoError('LICO_NO_BACKEND', `no transforms backend started (${skipped.join('; ')})`);
}
