import { registerKernel } from '@lico/core';
import { activationKernel } from './kernels/Activation.js';
import { activationBackpropKernel } from './kernels/ActivationBackprop.js';
import { adamUpdateKernel } from './kernels/AdamUpdate.js';
import { conv2dKernel } from './kernels/Conv2d.js';
import { conv2dBackpropFilterKernel } from './kernels/Conv2dBackpropFilter.js';
import { conv2dBackpropInputKernel } from './kernels/Conv2dBackpropInput.js';
import { dequantizeScalarKernel } from './kernels/DequantizeScalar.js';
import { gdnKernel } from './kernels/Gdn.js';
import { gdnBackpropKernel } from './kernels/GdnBackprop.js';
import { intConv2dKernel } from './kernels/IntConv2d.js';
import { pmfToQuantizedCdfKernel } from './kernels/PmfToQuantizedCdf.js';
import { quantizeScalarKernel } from './kernels/QuantizeScalar.js';
import { ransDecodeKernel } from './kernels/RansDecode.js';
import { ransEncodeKernel } from './kernels/RansEncode.js';
import { tcqDequantizeKernel } from './kernels/TcqDequantize.js';
import { tcqQuantizeKernel } from './kernels/TcqQuantize.js';

/** Every kernel of the js backend. */
export const jsKernels = [
  activationKernel,
  activationBackpropKernel,
  adamUpdateKernel,
  conv2dKernel,
  conv2dBackpropFilterKernel,
  conv2dBackpropInputKernel,
  dequantizeScalarKernel,
  gdnKernel,
  gdnBackpropKernel,
  intConv2dKernel,
  pmfToQuantizedCdfKernel,
  quantizeScalarKernel,
  ransDecodeKernel,
  ransEncodeKernel,
  tcqDequantizeKernel,
  tcqQuantizeKernel,
];

export function registerJsKernels(): void {
  for (const kernel of jsKernels) registerKernel(kernel);
}
