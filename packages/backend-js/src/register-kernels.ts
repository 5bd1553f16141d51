import { registerKernel } from '@lico/core';
import { pmfToQuantizedCdfKernel } from './kernels/PmfToQuantizedCdf.js';
import { ransDecodeKernel } from './kernels/RansDecode.js';
import { ransEncodeKernel } from './kernels/RansEncode.js';

/** Every kernel of the js backend. */
export const jsKernels = [pmfToQuantizedCdfKernel, ransDecodeKernel, ransEncodeKernel];

export function registerJsKernels(): void {
  for (const kernel of jsKernels) registerKernel(kernel);
}
