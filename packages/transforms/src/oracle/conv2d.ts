/**
 * The reference 2-D convolution (PyTorch's `F.conv2d`, one group, no dilation) on NCHW data:
 * `out[n,o,y,x] = bias[o] + Σ_{c,i,j} w[o,c,i,j] · in[n,c, y·s − p + i, x·s − p + j]`, zeros
 * outside the input. Sums in float64; the result is rounded to float32 once.
 */
export function conv2d(
  input: Float32Array,
  [n, channels, height, width]: readonly number[],
  weight: Float32Array,
  outChannels: number,
  kernel: number,
  bias: Float32Array | undefined,
  stride: number,
  padding: number,
): { data: Float32Array; dims: [number, number, number, number] } {
  const outHeight = Math.floor((height + 2 * padding - kernel) / stride) + 1;
  const outWidth = Math.floor((width + 2 * padding - kernel) / stride) + 1;
  const out = new Float32Array(n * outChannels * outHeight * outWidth);
  const plane = height * width;
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < outChannels; o++) {
      for (let y = 0; y < outHeight; y++) {
        for (let x = 0; x < outWidth; x++) {
          let sum = bias ? bias[o] : 0;
          for (let c = 0; c < channels; c++) {
            const base = (b * channels + c) * plane;
            const wBase = (o * channels + c) * kernel * kernel;
            for (let i = 0; i < kernel; i++) {
              const iy = y * stride - padding + i;
              if (iy < 0 || iy >= height) continue;
              for (let j = 0; j < kernel; j++) {
                const ix = x * stride - padding + j;
                if (ix < 0 || ix >= width) continue;
                sum += weight[wBase + i * kernel + j] * input[base + iy * width + ix];
              }
            }
          }
          out[((b * outChannels + o) * outHeight + y) * outWidth + x] = sum;
        }
      }
    }
  }
  return { data: out, dims: [n, outChannels, outHeight, outWidth] };
}
