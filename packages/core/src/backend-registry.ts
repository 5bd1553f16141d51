import type { Backend, BackendFactory, BackendName } from './backend.js';
import { invalidArgument, LicoError } from './errors.js';

interface Registration {
  readonly factory: BackendFactory;
  readonly priority: number;
  started?: Promise<Backend>;
  failure?: string;
}

const registrations = new Map<BackendName, Registration>();
let fallbackWarned = false;

/**
 * Registers a backend factory. Higher priority wins when no backend is named; a negative
 * priority means "only when asked for by name" (webgpu). Lico's own: native 300, wasm 200,
 * js 100, webgpu -1.
 * @example
 * ```ts
 * import { registerBackend } from '@lico/core';
 * registerBackend('my-backend', () => ({ name: 'my-backend', description: 'demo' }), -1);
 * ```
 */
export function registerBackend(name: BackendName, factory: BackendFactory, priority: number): void {
  if (typeof name !== 'string' || name.length === 0) invalidArgument('name', 'a non-empty string', name);
  if (!Number.isFinite(priority)) invalidArgument('priority', 'a finite number', priority);
  if (registrations.has(name)) {
    throw new LicoError('LICO_ALREADY_REGISTERED', `backend '${name}' is already registered`);
  }
  registrations.set(name, { factory, priority });
}

/** The registered backend names, best first (negative priorities last). */
export function registeredBackends(): BackendName[] {
  return [...registrations.entries()].sort((a, b) => b[1].priority - a[1].priority).map(([name]) => name);
}

function start(registration: Registration): Promise<Backend> {
  registration.started ??= (async () => {
    try {
      return await registration.factory();
    } catch (error) {
      registration.failure = error instanceof Error ? error.message : String(error);
      throw error;
    }
  })();
  return registration.started;
}

/** Why a backend failed to start, if it was tried and failed. */
export function backendFailure(name: BackendName): string | undefined {
  return registrations.get(name)?.failure;
}

function emitFallbackWarning(skipped: string[], chosen: BackendName): void {
  if (fallbackWarned) return;
  fallbackWarned = true;
  const message = `Lico is using the '${chosen}' backend; skipped ${skipped.join('; ')}`;
  const proc = (globalThis as { process?: { emitWarning?: (m: string, o: object) => void } }).process;
  if (proc?.emitWarning) proc.emitWarning(message, { code: 'LICO_BACKEND_FALLBACK' });
  else console.warn(`[LICO_BACKEND_FALLBACK] ${message}`);
}

/**
 * Starts and returns a backend.
 * - no argument: the best registered backend with a non-negative priority that starts; if a
 *   better one failed, one `LICO_BACKEND_FALLBACK` warning per process names it and why;
 * - a name: exactly that backend, or `LICO_BACKEND_UNAVAILABLE` with its reason;
 * - a list: the first of the list that starts (a chain), or `LICO_NO_BACKEND`.
 * One start is shared by all callers of the same backend.
 * @example
 * ```ts
 * import { getBackend } from '@lico/core';
 * import '@lico/backend-js';
 * const backend = await getBackend();
 * console.log(backend.name, backend.description);
 * ```
 */
export async function getBackend(names?: BackendName | readonly BackendName[]): Promise<Backend> {
  if (typeof names === 'string') {
    const registration = registrations.get(names);
    if (!registration) {
      throw new LicoError(
        'LICO_BACKEND_UNAVAILABLE',
        `backend '${names}' is not registered; registered: ${registeredBackends().join(', ') || 'none'} (import '@lico/backend-${names}' to register it)`,
      );
    }
    try {
      return await start(registration);
    } catch (error) {
      throw new LicoError('LICO_BACKEND_UNAVAILABLE', `backend '${names}' could not start: ${registration.failure}`, {
        cause: error,
      });
    }
  }
  const candidates =
    names === undefined
      ? registeredBackends().filter((name) => (registrations.get(name)?.priority ?? -1) >= 0)
      : [...names];
  const skipped: string[] = [];
  for (const name of candidates) {
    const registration = registrations.get(name);
    if (!registration) {
      skipped.push(`${name}: not registered`);
      continue;
    }
    try {
      const backend = await start(registration);
      if (skipped.length > 0) emitFallbackWarning(skipped, name);
      return backend;
    } catch {
      skipped.push(`${name}: ${registration.failure}`);
    }
  }
  throw new LicoError(
    'LICO_NO_BACKEND',
    `no backend could start (${skipped.join('; ') || 'none registered: import @lico/backend-js'})`,
  );
}

/** Disposes a started backend so that the next request starts it again. */
export async function disposeBackend(name: BackendName): Promise<void> {
  const registration = registrations.get(name);
  if (!registration?.started) return;
  const started = registration.started;
  registration.started = undefined;
  registration.failure = undefined;
  const backend = await started.catch(() => undefined);
  await backend?.dispose?.();
}
