import type { Conv2dAttrs } from '@lico/core';
import type { NativeConv2dGeometry } from '../addon.js';

/** The geometry arguments the addon's convolution entry points take. */
export function nativeConv2dGeometry(a: Conv2dAttrs): NativeConv2dGeometry {
  return [
    a.batch,
    a.inChannels,
    a.height,
    a.width,
    a.outChannels,
    a.kernelHeight,
    a.kernelWidth,
    a.stride,
    a.padding,
    a.transposed,
    a.outputPadding,
  ];
}
