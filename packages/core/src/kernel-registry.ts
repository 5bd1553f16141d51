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
  const kernel = getKernel(kernelName, resolved.name);
  if (!kernel) {
    throw new LicoError(
      'LICO_KERNEL_MISSING',
      `backend '${resolved.name}' has no kernel ${kernelName}; kernels it has: ${kernelsOf(resolved.name).join(', ') || 'none'}`,
    );
  }
  return kernel.run(inputs, attrs, resolved);
}
