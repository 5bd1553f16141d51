import { Conv2dBackpropInput, checkConv2dBackpropInputInputs, type KernelConfig } from '@lico/core';
import { convGeometry, gatherFromBig, scatterToBig } from './conv2d-loops.js';

export const conv2dBackpropInputKernel: KernelConfig<typeof Conv2dBackpropInput> = {
  kernelName: Conv2dBackpropInput,
  backendName: 'js',
  run({ outputGrad, weights }, attrs) {
    checkConv2dBackpropInputInputs({ outputGrad, weights }, attrs);
    const geometry = convGeometry(attrs);
    // The gradient flows the other way: a convolution's input gradient scatters, a
    // transposed convolution's gathers.
    return attrs.transposed
      ? gatherFromBig(geometry, outputGrad, weights)
      : scatterToBig(geometry, outputGrad, weights);
  },
};
