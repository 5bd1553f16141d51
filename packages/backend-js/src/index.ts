/**
 * @packageDocumentation
 * The js backend: every Lico kernel in plain TypeScript. Importing this package registers it
 * (priority 100); it is the oracle every other backend is tested against.
 *
 * @example
 * ```ts
 * import { getBackend } from '@lico/core';
 * import '@lico/backend-js';
 *
 * const backend = await getBackend('js');
 * console.log(backend.description);
 * ```
 */
import './register.js';

export { createJsBackend, jsKernels } from './base.js';
