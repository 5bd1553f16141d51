/**
 * @packageDocumentation
 * The wasm backend: Lico's C++ kernels (cc/) compiled to wasm32 with SIMD, for Node.js and
 * browsers. Importing this package registers it (priority 200, below native).
 *
 * @example
 * ```ts
 * import { getBackend, RansEncode, runKernel } from '@lico/core';
 * import '@lico/backend-wasm';
 *
 * const backend = await getBackend('wasm');
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

export type { WasmBackend } from './base.js';
export { createWasmBackend, wasmKernels } from './base.js';
