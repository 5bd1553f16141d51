/**
 * @packageDocumentation
 * The native backend: Lico's C++ kernels (cc/) as an N-API addon, with AVX2 and OpenMP
 * threads. Importing this package registers it (priority 300); when the addon is not built,
 * the registry falls back to wasm or js with one warning that says how to build it.
 *
 * @example
 * ```ts
 * import { getBackend, RansEncode, runKernel } from '@lico/core';
 * import '@lico/backend-native';
 *
 * const backend = await getBackend('native');
 * const tables = {
 *   precision: 16,
 *   cdf: new Uint32Array([0, 40000, 65000, 65536]),
 *   starts: new Uint32Array([0, 4]),
 *   valueOffsets: new Int32Array([0]),
 * };
 * const stream = await runKernel(RansEncode, { values: new Int32Array([0, 1, 0, 7]), indexes: new Int32Array(4), tables }, { lanes: 2 }, backend);
 * console.log(backend.description, stream.length);
 * ```
 */
import './register.js';

export type { NativeBackend } from './base.js';
export { createNativeBackend, nativeKernels } from './base.js';
