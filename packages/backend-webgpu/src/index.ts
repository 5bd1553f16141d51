/**
 * @packageDocumentation
 * The webgpu backend: Lico's rANS and quantization kernels as WGSL compute programs (one
 * invocation per rANS lane, per value, or per trellis sequence).
 * Importing this package registers it at priority -1, so it runs only when asked for by name.
 * In browsers it uses `navigator.gpu`; in Node, Dawn through the `webgpu` package, falling back
 * to Chromium's SwiftShader on Linux machines without a GPU (see the README).
 *
 * @example
 * ```ts
 * import { getBackend, runKernel, RansDecode, RansEncode } from '@lico/core';
 * import '@lico/backend-webgpu';
 *
 * const backend = await getBackend('webgpu');
 * const tables = {
 *   precision: 16,
 *   cdf: new Uint32Array([0, 40000, 65000, 65536]),
 *   starts: new Uint32Array([0, 4]),
 *   valueOffsets: new Int32Array([0]),
 * };
 * const values = new Int32Array([0, 1, 0, 7]);
 * const indexes = new Int32Array(4);
 * const stream = await runKernel(RansEncode, { values, indexes, tables }, { lanes: 2 }, backend);
 * const decoded = await runKernel(RansDecode, { stream, indexes, tables }, {}, backend);
 * console.log(backend.description, stream.length, decoded);
 * await backend.dispose?.();
 * ```
 */
import './register.js';

export type { WebGpuBackend, WebGpuBackendOptions } from './base.js';
export { createWebGpuBackend, webGpuKernels } from './base.js';
