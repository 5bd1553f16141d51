import { registerKernel } from '@lico/core';
import { pmfToQuantizedCdfKernel } from './kernels/PmfToQuantizedCdf.js';
import { ransDecodeKernel } from './kernels/RansDecode.js';
import { ransEncodeKernel } from './kernels/RansEncode.js';

/** Every kernel of the native backend. */
export const nativeKernels = [pmfToQuantizedCdfKernel, ransDecodeKernel, ransEncodeKernel];

export function registerNativeKernels(): void {
  for (const kernel of nativeKernels) registerKernel(kernel);
}
