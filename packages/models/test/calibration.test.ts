import { zlibSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { decodePng } from '../src/calibration/png.js';
import { defaultCalibrationImages } from '../src/index.js';

/** A PNG of the given pixels (8-bit, colour type 2 or 6) whose rows use the given filters in turn. */
function encodePng(pixels: Uint8Array, width: number, height: number, channels: 3 | 4, filters: number[]): Uint8Array {
  const stride = width * channels;
  const raw = new Uint8Array(height * (stride + 1));
  for (let row = 0; row < height; row++) {
    const filter = filters[row % filters.length];
    raw[row * (stride + 1)] = filter;
    for (let i = 0; i < stride; i++) {
      const at = row * stride + i;
      const left = i >= channels ? pixels[at - channels] : 0;
      const up = row > 0 ? pixels[at - stride] : 0;
      const corner = row > 0 && i >= channels ? pixels[at - stride - channels] : 0;
      const p = left + up - corner;
      const paeth =
        Math.abs(p - left) <= Math.abs(p - up) && Math.abs(p - left) <= Math.abs(p - corner)
          ? left
          : Math.abs(p - up) <= Math.abs(p - corner)
            ? up
            : corner;
      const predictor = [0, left, up, (left + up) >> 1, paeth][filter];
      raw[row * (stride + 1) + 1 + i] = (pixels[at] - predictor) & 0xff;
    }
  }
  const chunk = (type: string, data: Uint8Array) => {
    const out = new Uint8Array(12 + data.length);
    new DataView(out.buffer).setUint32(0, data.length);
    out.set(new TextEncoder().encode(type), 4);
    out.set(data, 8);
    return out; // CRC left 0: the decoder does not check it
  };
  const header = new Uint8Array(13);
  new DataView(header.buffer).setUint32(0, width);
  new DataView(header.buffer).setUint32(4, height);
  header.set([8, channels === 3 ? 2 : 6, 0, 0, 0], 8);
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk('IHDR', header),
    chunk('IDAT', zlibSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ];
  return Buffer.concat(parts);
}

describe('the PNG reader of the calibration crops', () => {
  test.each([3, 4] as const)('every filter type, %i channels: the pixels as floats in [0, 1], NCHW', (channels) => {
    const [width, height] = [7, 10];
    const pixels = Uint8Array.from({ length: width * height * channels }, (_, i) => (i * 97 + (i >> 3) * 31) & 0xff);
    const image = decodePng(encodePng(pixels, width, height, channels, [0, 1, 2, 3, 4]));
    expect(image.dims).toEqual([1, 3, height, width]);
    for (let p = 0; p < width * height; p++) {
      for (let c = 0; c < 3; c++)
        expect(image.data[c * width * height + p]).toBe(Math.fround(pixels[p * channels + c] / 255));
    }
  });

  test('what it does not read is refused', () => {
    const good = encodePng(new Uint8Array(12), 2, 2, 3, [0]);
    const gray = good.slice();
    gray[8 + 8 + 9] = 0; // IHDR colour type 0
    for (const bad of [good.subarray(0, 6), gray, encodePng(new Uint8Array(12), 2, 2, 3, [7])]) {
      expect(() => decodePng(bad)).toThrow(expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }));
    }
  });

  test('the four shipped crops', async () => {
    const images = await defaultCalibrationImages();
    expect(images.map((i) => i.dims)).toEqual(Array(4).fill([1, 3, 256, 256]));
    for (const image of images) {
      const mean = image.data.reduce((s, v) => s + v, 0) / image.data.length;
      expect(mean).toBeGreaterThan(0.1);
      expect(mean).toBeLessThan(0.9);
      expect(new Set(image.data).size).toBeGreaterThan(200);
    }
  });
});
