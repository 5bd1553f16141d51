import { registerKernel } from '@lico/core';
import { pmfToQuantizedCdfKernel } from './kernels/PmfToQuantizedCdf.js';
import { ransDecodeKernel } from './kernels/RansDecode.js';
import { ransEncodeKernel } from './kernels/RansEncode.js';

/** Every kernel of the webgpu backend. */
export const webGpuKernels = [pmfToQuantizedCdfKernel, ransDecodeKernel, ransEncodeKernel];

export function registerWebGpuKernels(): void {
  for (const kernel of webGpuKernels) registerKernel(kernel);
}
