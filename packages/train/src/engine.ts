import {
  type Backend,
  type BackendName,
  getBackend,
  type KernelName,
  type KernelSignatures,
  LicoError,
  runKernelSync,
} from '@lico/core';

let current: Backend | undefined;

/**
 * Chooses the backend whose kernels training runs on: a started backend, a name, or (without an
 * argument) the best one available. Training needs kernels that run synchronously: `native`
 * (oneDNN, threads and SIMD) or `js` (the reference). Call it once before the first operation.
 *
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { setTrainBackend } from '@lico/train';
 *
 * const backend = await setTrainBackend('js');
 * console.log(backend.name); // js
 * ```
 */
export async function setTrainBackend(backend?: Backend | BackendName): Promise<Backend> {
  current = typeof backend === 'object' ? backend : await getBackend(backend);
  return current;
}

/** The backend training runs on; throws when {@link setTrainBackend} was not called. */
export function trainBackend(): Backend {
  if (!current) {
    throw new LicoError(
      'LICO_INVALID_ARGUMENT',
      'no training backend: call `await setTrainBackend()` (or name one, e.g. setTrainBackend("native")) before running operations',
    );
  }
  return current;
}

/** Per-name totals of a {@link startProfile} … {@link stopProfile} span. */
export type Profile = Map<string, { calls: number; seconds: number }>;

let profile: Profile | undefined;

/** Starts recording the time of every kernel call and every operation's backward pass. */
export function startProfile(): void {
  profile = new Map();
}

/** Stops recording and returns the totals by name (kernel names, and `<op> (backward)`). */
export function stopProfile(): Profile {
  const done = profile ?? new Map();
  profile = undefined;
  return done;
}

/** Runs `work`, adding its time to the current profile under `name`. */
export function profiled<T>(name: string, work: () => T): T {
  if (!profile) return work();
  const start = performance.now();
  try {
    return work();
  } finally {
    const entry = profile.get(name) ?? { calls: 0, seconds: 0 };
    entry.calls++;
    entry.seconds += (performance.now() - start) / 1000;
    profile.set(name, entry);
  }
}

/** Runs a kernel on the training backend, synchronously. */
export function run<K extends KernelName>(
  kernelName: K,
  inputs: KernelSignatures[K]['inputs'],
  attrs: KernelSignatures[K]['attrs'],
): KernelSignatures[K]['outputs'] {
  const backend = trainBackend();
  return profiled(kernelName, () => runKernelSync(kernelName, inputs, attrs, backend));
}

/**
 * Gives an array back to the training backend when it made it and nothing will read it again
 * (see `Backend.recycle`); other arrays are left alone.
 */
export function recycle(array: Float32Array): void {
  current?.recycle?.(array);
}
