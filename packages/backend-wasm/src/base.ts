import type { Backend } from '@lico/core';
import { WasmHeap } from './heap.js';
import { loadWasm } from './module.js';

/** The started wasm backend: its module instance, through the heap its kernels allocate in. */
export interface WasmBackend extends Backend {
  readonly name: 'wasm';
  readonly heap: WasmHeap;
}

/** Starts the wasm backend; throws, saying how to build the module, when it cannot load. */
export async function createWasmBackend(): Promise<WasmBackend> {
  const heap = new WasmHeap(await loadWasm());
  return { name: 'wasm', description: 'wasm (simd128, 1 thread)', heap };
}

export { registerWasmKernels, wasmKernels } from './register-kernels.js';
