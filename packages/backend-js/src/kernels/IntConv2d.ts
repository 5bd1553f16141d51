import { checkIntConv2dInputs, IntConv2d, type KernelConfig } from '@lico/core';

export const intConv2dKernel: KernelConfig<typeof IntConv2d> = {
  kernelName: IntConv2d,
  backendName: 'js',
  run({ input, weights, bias }, attrs) {
    const [outChannels, outHeight, outWidth] = checkIntConv2dInputs({ input, weights, bias }, attrs);
    const { inChannels, height, width, kernelHeight: kh, kernelWidth: kw, stride, padding, transposed } = attrs;
    const plane = outHeight * outWidth;
    const acc = new Float64Array(outChannels * plane);
    for (let o = 0; o < outChannels; o++) acc.fill(bias[o], o * plane, (o + 1) * plane);
    // Both directions visit (input position, kernel tap) pairs; they differ in which output
    // position a pair feeds and in the weight layout.
    for (let c = 0; c < inChannels; c++) {
      for (let o = 0; o < outChannels; o++) {
        for (let i = 0; i < kh; i++) {
          for (let j = 0; j < kw; j++) {
            const w = transposed
              ? weights[((c * outChannels + o) * kh + i) * kw + j]
              : weights[((o * inChannels + c) * kh + i) * kw + j];
            if (w === 0) continue;
            if (transposed) {
              for (let y = 0; y < height; y++) {
                const oy = y * stride - padding + i;
                if (oy < 0 || oy >= outHeight) continue;
                for (let x = 0; x < width; x++) {
                  const ox = x * stride - padding + j;
                  if (ox >= 0 && ox < outWidth)
                    acc[o * plane + oy * outWidth + ox] += w * input[(c * height + y) * width + x];
                }
              }
            } else {
              for (let oy = 0; oy < outHeight; oy++) {
                const y = oy * stride - padding + i;
                if (y < 0 || y >= height) continue;
                for (let ox = 0; ox < outWidth; ox++) {
                  const x = ox * stride - padding + j;
                  if (x >= 0 && x < width)
                    acc[o * plane + oy * outWidth + ox] += w * input[(c * height + y) * width + x];
                }
              }
            }
          }
        }
      }
    }
    const round = attrs.shift > 0 ? 2 ** (attrs.shift - 1) : 0;
    const divisor = 2 ** attrs.shift;
    const out = new Int32Array(acc.length);
    for (let k = 0; k < acc.length; k++) {
      // floor((acc + round) / 2^shift) is the arithmetic shift every other backend uses.
      out[k] = Math.min(attrs.clampMax, Math.max(attrs.clampMin, Math.floor((acc[k] + round) / divisor)));
    }
    return out;
  },
};
