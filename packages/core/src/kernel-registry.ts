import type { Backend, BackendName } from './backend.js';
import { getBackend } from './backend-registry.js';
import { LicoError } from './errors.js';
import type { KernelName, KernelSignatures } from './kernels/index.js';

/** One backend's implementation of one kernel. */
export interface KernelConfig<K extends KernelName = KernelName> {
  readonly kernelName: K;
  readonly backendName: BackendName;
  run(
    inputs: KernelSignatures[K]['inputs'],
    attrs: KernelSignatures[K]['attrs'],
    backend: Backend,
  ): KernelSignatures[K]['outputs'] | Promise<KernelSignatures[K]['outputs']>;
}

const kernels = new Map<string, KernelConfig>();
const key = (kernelName: string, backendName: string) => `${backendName}/${kernelName}`;

/** Registers a kernel implementation; registering the same kernel twice for a backend throws. */
export function registerKernel<K extends KernelName>(config: KernelConfig<K>): void {
  const k = key(config.kernelName, config.backendName);
  if (kernels.has(k)) {
    throw new LicoError(
      'LICO_ALREADY_REGISTERED',
      `kernel ${config.kernelName} is already registered for backend '${config.backendName}'`,
    );
  }
  kernels.set(k, config as unknown as KernelConfig);
}

/** The implementation of `kernelName` on `backendName`, or undefined. */
export function getKernel<K extends KernelName>(kernelName: K, backendName: BackendName): KernelConfig<K> | undefined {
  return kernels.get(key(kernelName, backendName)) as KernelConfig<K> | undefined;
}

/** The kernels registered for a backend. */
export function kernelsOf(backendName: BackendName): KernelName[] {
  return [...kernels.values()].filter((k) => k.backendName === backendName).map((k) => k.kernelName);
}

function kernelOf<K extends KernelName>(kernelName: K, backend: Backend): KernelConfig<K> {
  const kernel = getKernel(kernelName, backend.name);
  if (!kernel) {
    throw new LicoError(
      'LICO_KERNEL_MISSING',
      `backend '${backend.name}' has no kernel ${kernelName}; kernels it has: ${kernelsOf(backend.name).join(', ') || 'none'}`,
    );
  }
  return kernel;
}

/**
 * Runs a kernel on a backend: the given one, a backend named, or the best available.
 * A backend without the kernel throws `LICO_KERNEL_MISSING`; there is no silent switch.
 */
export async function runKernel<K extends KernelName>(
  kernelName: K,
  inputs: KernelSignatures[K]['inputs'],
  attrs: KernelSignatures[K]['attrs'],
  backend?: Backend | BackendName,
): Promise<KernelSignatures[K]['outputs']> {
  const resolved = typeof backend === 'object' ? backend : await getBackend(backend);
  return kernelOf(kernelName, resolved).run(inputs, attrs, resolved);
}

/**
 * Runs a kernel on a started backend and returns its result directly, for callers that run
 * thousands of small kernels in a row (training). It throws `LICO_KERNEL_MISSING` as
 * {@link runKernel} does, and `LICO_INVALID_ARGUMENT` when the backend's implementation is
 * asynchronous (a GPU backend): use {@link runKernel} there.
 */
export function runKernelSync<K extends KernelName>(
  kernelName: K,
  inputs: KernelSignatures[K]['inputs'],
  attrs: KernelSignatures[K]['attrs'],
  backend: Backend,
): KernelSignatures[K]['outputs'] {
  const result = kernelOf(kernelName, backend).run(inputs, attrs, backend);
  if (result instanceof Promise) {
    result.catch(() => {}); // the caller learns of the failure from the error below
    throw new LicoError(
      'LICO_INVALID_ARGUMENT',
      `kernel ${kernelName} on backend '${backend.name}' is asynchronous; call runKernel() and await it instead`,
    );
  }
  return result;
}
