import { registerKernel } from '@lico/core';
import { pmfToQuantizedCdfKernel } from './kernels/PmfToQuantizedCdf.js';
import { ransDecodeKernel } from './kernels/RansDecode.js';
import { ransEncodeKernel } from './kernels/RansEncode.js';

/** Every kernel of the wasm backend. */
export const wasmKernels = [pmfToQuantizedCdfKernel, ransDecodeKernel, ransEncodeKernel];

export function registerWasmKernels(): void {
  for (const kernel of wasmKernels) registerKernel(kernel);
}
