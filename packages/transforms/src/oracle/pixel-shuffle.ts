/**
 * The reference pixel shuffle (PyTorch's `F.pixel_shuffle`; ONNX `DepthToSpace` in `CRD`
 * mode): `out[n, c, y·r + i, x·r + j] = in[n, c·r² + i·r + j, y, x]`.
 */
export function pixelShuffle(
  input: Float32Array,
  [n, channels, height, width]: readonly number[],
  r: number,
): { data: Float32Array; dims: [number, number, number, number] } {
  const outChannels = channels / (r * r);
  const [outHeight, outWidth] = [height * r, width * r];
  const out = new Float32Array(input.length);
  for (let b = 0; b < n; b++) {
    for (let c = 0; c < outChannels; c++) {
      for (let i = 0; i < r; i++) {
        for (let j = 0; j < r; j++) {
          const from = (b * channels + c * r * r + i * r + j) * height * width;
          for (let y = 0; y < height; y++) {
            for (let x = 0; x < width; x++) {
              out[((b * outChannels + c) * outHeight + y * r + i) * outWidth + x * r + j] = input[from + y * width + x];
            }
          }
        }
      }
    }
  }
  return { data: out, dims: [n, outChannels, outHeight, outWidth] };
}
