import { Conv2dBackpropFilter, checkConv2dBackpropFilterInputs, type KernelConfig } from '@lico/core';
import { channelSums, convGeometry, filterGradient } from './conv2d-loops.js';

export const conv2dBackpropFilterKernel: KernelConfig<typeof Conv2dBackpropFilter> = {
  kernelName: Conv2dBackpropFilter,
  backendName: 'js',
  run({ input, outputGrad }, attrs) {
    const [, outChannels, outHeight, outWidth] = checkConv2dBackpropFilterInputs({ input, outputGrad }, attrs);
    const geometry = convGeometry(attrs);
    const weightsGrad = attrs.transposed
      ? filterGradient(geometry, outputGrad, input)
      : filterGradient(geometry, input, outputGrad);
    if (!attrs.hasBias) return { weightsGrad };
    return { weightsGrad, biasGrad: channelSums(outputGrad, attrs.batch, outChannels, outHeight * outWidth) };
  },
};
