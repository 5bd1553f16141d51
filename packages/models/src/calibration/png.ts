import { invalidArgument } from '@lico/core';
import { type FloatTensor, floatTensor } from '@lico/transforms';
import { unzlibSync } from 'fflate';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Bytes per pixel of the 8-bit colour types read here: RGB and RGBA. */
const CHANNELS: Record<number, number> = { 2: 3, 6: 4 };

const bad = (reason: string): never => invalidArgument('PNG', 'an 8-bit, non-interlaced RGB or RGBA PNG', reason);

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/**
 * Decodes an 8-bit, non-interlaced RGB or RGBA PNG (what `tools/make-calibration-crops.ts`
 * writes) to a float32 `[1, 3, H, W]` tensor in [0, 1] (alpha dropped): enough for the
 * calibration crops in browsers and Node alike, without an image library.
 */
export function decodePng(bytes: Uint8Array): FloatTensor {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) bad('no PNG signature');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let [width, height, channels] = [0, 0, 0];
  const data: Uint8Array[] = [];
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (body.length !== length) bad(`chunk ${type} is truncated`);
    if (type === 'IHDR') {
      [width, height] = [view.getUint32(at + 8), view.getUint32(at + 12)];
      const [depth, colour, interlace] = [body[8], body[9], body[12]];
      channels = CHANNELS[colour] ?? 0;
      if (depth !== 8 || !channels || interlace !== 0)
        bad(`bit depth ${depth}, colour type ${colour}, interlace ${interlace}`);
    } else if (type === 'IDAT') {
      data.push(body);
    } else if (type === 'IEND') {
      break;
    }
    at += 12 + length;
  }
  if (!channels || width < 1 || height < 1) bad('no image header');
  const joined = new Uint8Array(data.reduce((n, d) => n + d.length, 0));
  let offset = 0;
  for (const chunk of data) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  const raw = unzlibSync(joined);
  const stride = width * channels;
  if (raw.length !== height * (stride + 1)) bad(`${raw.length} bytes of pixels for ${width}×${height}`);
  const pixels = new Uint8Array(height * stride);
  for (let row = 0; row < height; row++) {
    const filter = raw[row * (stride + 1)];
    const line = raw.subarray(row * (stride + 1) + 1, (row + 1) * (stride + 1));
    const out = pixels.subarray(row * stride, (row + 1) * stride);
    const above = row > 0 ? pixels.subarray((row - 1) * stride, row * stride) : new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const left = i >= channels ? out[i - channels] : 0;
      const corner = i >= channels ? above[i - channels] : 0;
      const predictor = [0, left, above[i], (left + above[i]) >> 1, paeth(left, above[i], corner)][filter];
      if (predictor === undefined) bad(`filter type ${filter}`);
      out[i] = (line[i] + predictor) & 0xff;
    }
  }
  const plane = width * height;
  const values = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) values[c * plane + p] = pixels[p * channels + c] / 255;
  }
  return floatTensor(values, [1, 3, height, width]);
}
