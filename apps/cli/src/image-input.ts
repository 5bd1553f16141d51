import { LicoError } from '@lico/core';
import { type FloatTensor, floatTensor } from '@lico/transforms';
import sharp, { type OutputInfo } from 'sharp';

/**
 * Reads an image file (PNG, JPEG, WebP, or anything else sharp decodes), turned upright by
 * its EXIF orientation, as 8-bit sRGB without alpha: a float32 `[1, 3, H, W]` tensor in [0, 1].
 */
export async function readImage(path: string): Promise<FloatTensor> {
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(path)
      .rotate()
      .removeAlpha()
      .toColourspace('srgb')
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
  } catch (error) {
    throw new LicoError('LICO_INVALID_ARGUMENT', `${path}: not an image sharp can read (${(error as Error).message})`);
  }
  const { data, info } = decoded;
  const { width, height, channels } = info;
  const plane = width * height;
  const values = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) values[c * plane + p] = data[p * channels + c] / 255;
  }
  return floatTensor(values, [1, 3, height, width]);
}
