import { Conv2d, checkConv2dInputs, type KernelConfig } from '@lico/core';
import { convGeometry, gatherFromBig, scatterToBig } from './conv2d-loops.js';

export const conv2dKernel: KernelConfig<typeof Conv2d> = {
  kernelName: Conv2d,
  backendName: 'js',
  run({ input, weights, bias }, attrs) {
    const [, outChannels, outHeight, outWidth] = checkConv2dInputs({ input, weights, bias }, attrs);
    const geometry = convGeometry(attrs);
    // The input is the strided side of a convolution and the dense side of a transposed one.
    const out = attrs.transposed ? scatterToBig(geometry, input, weights) : gatherFromBig(geometry, input, weights);
    if (bias) {
      const plane = outHeight * outWidth;
      for (let n = 0; n < attrs.batch; n++) {
        for (let o = 0; o < outChannels; o++) {
          const start = (n * outChannels + o) * plane;
          for (let k = start; k < start + plane; k++) out[k] += bias[o];
        }
      }
    }
    return out;
  },
};
