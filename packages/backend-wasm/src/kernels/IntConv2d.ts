import { checkIntConv2dInputs, IntConv2d, type KernelConfig } from '@lico/core';
import type { WasmBackend } from '../base.js';

export const intConv2dKernel: KernelConfig<typeof IntConv2d> = {
  kernelName: IntConv2d,
  backendName: 'wasm',
  run({ input, weights, bias }, attrs, backend) {
    const [outChannels, outHeight, outWidth] = checkIntConv2dInputs({ input, weights, bias }, attrs);
    const { heap } = backend as WasmBackend;
    const n = outChannels * outHeight * outWidth;
    const pointers = [heap.copyIn(input), heap.copyIn(weights), heap.copyIn(bias), heap.alloc(n * 4)];
    const [inputPointer, weightPointer, biasPointer, output] = pointers;
    return heap.using(pointers, () => {
      heap.exports.lico_IntConv2d(
        inputPointer,
        weightPointer,
        biasPointer,
        attrs.inChannels,
        attrs.height,
        attrs.width,
        attrs.outChannels,
        attrs.kernelHeight,
        attrs.kernelWidth,
        attrs.stride,
        attrs.padding,
        attrs.transposed ? 1 : 0,
        attrs.outputPadding,
        attrs.shift,
        attrs.clampMin,
        attrs.clampMax,
        output,
      );
      return heap.i32(output, n).slice();
    });
  },
};
