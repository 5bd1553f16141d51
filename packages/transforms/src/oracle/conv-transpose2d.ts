/**
 * The reference 2-D transposed convolution (PyTorch's `F.conv_transpose2d`, one group, no
 * dilation; weight `[in, out, k, k]`): every input value adds `in[n,c,y,x] · w[c,o,i,j]` to
 * `out[n,o, y·s − p + i, x·s − p + j]`; the output is `(H − 1)·s − 2p + k + output_padding`
 * high (and as wide). Sums in float64; the result is rounded to float32 once.
 */
export function convTranspose2d(
  input: Float32Array,
  [n, channels, height, width]: readonly number[],
  weight: Float32Array,
  outChannels: number,
  kernel: number,
  bias: Float32Array | undefined,
  stride: number,
  padding: number,
  outputPadding: number,
): { data: Float32Array; dims: [number, number, number, number] } {
  const outHeight = (height - 1) * stride - 2 * padding + kernel + outputPadding;
  const outWidth = (width - 1) * stride - 2 * padding + kernel + outputPadding;
  const outPlane = outHeight * outWidth;
  const sums = new Float64Array(n * outChannels * outPlane);
  for (let b = 0; b < n; b++) {
    for (let o = 0; o < outChannels; o++)
      sums.fill(bias ? bias[o] : 0, (b * outChannels + o) * outPlane, (b * outChannels + o + 1) * outPlane);
    for (let c = 0; c < channels; c++) {
      for (let y = 0; y < height; y++) {
        for (let x = 0; x < width; x++) {
          const value = input[((b * channels + c) * height + y) * width + x];
          for (let o = 0; o < outChannels; o++) {
            const wBase = (c * outChannels + o) * kernel * kernel;
            const outBase = (b * outChannels + o) * outPlane;
            for (let i = 0; i < kernel; i++) {
              const oy = y * stride - padding + i;
              if (oy < 0 || oy >= outHeight) continue;
              for (let j = 0; j < kernel; j++) {
                const ox = x * stride - padding + j;
                if (ox < 0 || ox >= outWidth) continue;
                sums[outBase + oy * outWidth + ox] += value * weight[wBase + i * kernel + j];
              }
            }
          }
        }
      }
    }
  }
  return { data: Float32Array.from(sums), dims: [n, outChannels, outHeight, outWidth] };
}
