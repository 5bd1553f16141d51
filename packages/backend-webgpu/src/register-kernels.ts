import { registerKernel } from '@lico/core';
import { dequantizeScalarKernel } from './kernels/DequantizeScalar.js';
import { intConv2dKernel } from './kernels/IntConv2d.js';
import { pmfToQuantizedCdfKernel } from './kernels/PmfToQuantizedCdf.js';
import { quantizeScalarKernel } from './kernels/QuantizeScalar.js';
import { ransDecodeKernel } from './kernels/RansDecode.js';
import { ransEncodeKernel } from './kernels/RansEncode.js';
import { tcqDequantizeKernel } from './kernels/TcqDequantize.js';
import { tcqQuantizeKernel } from './kernels/TcqQuantize.js';

/** Every kernel of the webgpu backend. */
export const webGpuKernels = [
  dequantizeScalarKernel,
  intConv2dKernel,
  pmfToQuantizedCdfKernel,
  quantizeScalarKernel,
  ransDecodeKernel,
  ransEncodeKernel,
  tcqDequantizeKernel,
  tcqQuantizeKernel,
];

export function registerWebGpuKernels(): void {
  for (const kernel of webGpuKernels) registerKernel(kernel);
}
