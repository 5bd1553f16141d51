import type { FloatTensor } from '@lico/transforms';
import { decodePng } from './png.js';

const FILES = ['crop-0.png', 'crop-1.png', 'crop-2.png', 'crop-3.png'];
let images: Promise<FloatTensor[]> | undefined;

async function readBytes(url: URL): Promise<Uint8Array> {
  if (typeof process !== 'undefined' && typeof process.versions?.node === 'string') {
    const { readFile } = await import('node:fs/promises');
    return new Uint8Array(await readFile(url));
  }
  return new Uint8Array(await (await fetch(url)).arrayBuffer());
}

/**
 * The four 256×256 calibration crops shipped in the package's `calibration/` folder (photos
 * of the training set, Unsplash License; see its README), as `[1, 3, 256, 256]` tensors in
 * [0, 1]: what integer networks are calibrated on unless other images are given.
 */
export function defaultCalibrationImages(): Promise<FloatTensor[]> {
  images ??= Promise.all(
    FILES.map(async (file) => decodePng(await readBytes(new URL(`../../calibration/${file}`, import.meta.url)))),
  );
  images.catch(() => (images = undefined));
  return images;
}
