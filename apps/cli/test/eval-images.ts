import type { RgbImage } from '../src/eval/codec.js';

/** A deterministic generator of 32-bit values (LCG, Numerical Recipes constants). */
function lcg(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
}

/** A synthetic photo-like 8-bit RGB image: smooth gradients, a disc, stripes and a little noise. */
export function syntheticImage(width: number, height: number, seed = 1): RgbImage {
  const next = lcg(seed);
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inDisc = (x - width / 3) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 4) ** 2;
      const stripes = x > (2 * width) / 3 ? 40 * Math.sign(Math.sin(y / 3)) : 0;
      const base = [
        60 + (150 * x) / width + stripes,
        40 + (170 * y) / height + (inDisc ? 50 : 0),
        200 - (120 * (x + y)) / (width + height) + 30 * Math.sin(x / 7),
      ];
      for (let c = 0; c < 3; c++) {
        const noise = (next() % 9) - 4;
        data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, Math.round(base[c] + noise)));
      }
    }
  return { width, height, data };
}

/** `image` with deterministic noise of ±`amplitude` added to every value (clamped). */
export function distorted(image: RgbImage, amplitude: number, seed = 7): RgbImage {
  const next = lcg(seed);
  const data = image.data.map((v) => Math.max(0, Math.min(255, v + (next() % (2 * amplitude + 1)) - amplitude)));
  return { ...image, data };
}
