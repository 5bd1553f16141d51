import type { Backend } from '@lico/core';

/** Starts the js backend: it needs nothing and always starts. */
export function createJsBackend(): Backend {
  return { name: 'js', description: 'js (reference TypeScript)' };
}

export { jsKernels, registerJsKernels } from './register-kernels.js';
