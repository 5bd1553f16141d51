import { LicoError } from '@lico/core';
import type { FloatTensor } from '@lico/transforms';
import { readBytes } from '../read-bytes.js';
import { decodePng } from './png.js';

const FILES = ['crop-0.png', 'crop-1.png', 'crop-2.png', 'crop-3.png'];
let images: Promise<FloatTensor[]> | undefined;

async function readCrop(url: URL): Promise<Uint8Array> {
  const bytes = await readBytes(url);
  if (!bytes) throw new LicoError('LICO_INTERNAL', `the calibration crop ${url} is missing: reinstall @lico/models`);
  return bytes;
}

/**
 * The four 256×256 calibration crops shipped in the package's `calibration/` folder (photos
 * of the training set, Unsplash License; see its README), as `[1, 3, 256, 256]` tensors in
 * [0, 1]: what integer networks are calibrated on unless other images are given.
 */
export function defaultCalibrationImages(): Promise<FloatTensor[]> {
  images ??= Promise.all(
    FILES.map(async (file) => decodePng(await readCrop(new URL(`../../calibration/${file}`, import.meta.url)))),
  );
  images.catch(() => (images = undefined));
  return images;
}
