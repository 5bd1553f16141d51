import { LicoError } from '@lico/core';
import type { CodecImage } from '@lico/models';
import sharp, { type Metadata } from 'sharp';

/** The formats `lico encode` and `lico roundtrip` read. */
const FORMATS = ['png', 'jpeg', 'webp'];

const refuse = (path: string, why: string, fix: string): never => {
  throw new LicoError('LICO_INVALID_ARGUMENT', `${path} ${why}; lico codes 8-bit RGB or grayscale images: ${fix}`);
};

/**
 * Reads a PNG, JPEG or WebP image as the codec takes it: 8-bit RGB or grayscale, turned
 * upright by its EXIF orientation, converted to sRGB if it carries a colour profile. Refused
 * with `LICO_INVALID_ARGUMENT` and a message saying why: another format, more than 8 bits per
 * sample, CMYK, several frames (animation), and transparency. An alpha channel that is opaque
 * everywhere is dropped (nothing is lost); one with any transparent pixel is refused rather
 * than flattened onto a colour the decoder could not undo.
 */
export async function readCodecImage(path: string): Promise<CodecImage> {
  let metadata: Metadata;
  try {
    metadata = await sharp(path).metadata();
  } catch (error) {
    throw new LicoError('LICO_INVALID_ARGUMENT', `${path}: not an image lico can read (${(error as Error).message})`);
  }
  const { format, pages, depth, space, channels, hasAlpha } = metadata;
  if (!FORMATS.includes(format)) refuse(path, `is ${format}`, 'give a PNG, JPEG or WebP file');
  if ((pages ?? 1) > 1) refuse(path, `is animated (${pages} frames)`, 'extract one frame');
  if (depth !== 'uchar')
    refuse(path, `has ${depth} samples (${metadata.bitsPerSample ?? '>8'} bits)`, 'convert it to 8 bits');
  if (space === 'cmyk') refuse(path, 'is CMYK', 'convert it to RGB');
  const gray = channels - (hasAlpha ? 1 : 0) === 1;
  const { data, info } = await sharp(path)
    .rotate()
    .toColourspace(gray ? 'b-w' : 'srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  const stride = info.channels;
  const colours = gray ? 1 : 3;
  const plane = info.width * info.height;
  if (stride > colours) {
    for (let p = 0; p < plane; p++) {
      if (data[p * stride + stride - 1] !== 255) {
        refuse(
          path,
          'has transparent pixels',
          'flatten it onto a background first (an opaque alpha channel is dropped)',
        );
      }
    }
  }
  const pixels = new Uint8Array(plane * colours);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < colours; c++) pixels[p * colours + c] = data[p * stride + c];
  }
  return { width: info.width, height: info.height, channels: colours as 1 | 3, data: pixels };
}

/** A decoded image as a PNG file's bytes (8-bit RGB or grayscale). */
export async function pngBytes(image: CodecImage): Promise<Uint8Array> {
  const { width, height, channels, data } = image;
  const colourspace = channels === 1 ? 'b-w' : 'srgb';
  return new Uint8Array(
    await sharp(data, { raw: { width, height, channels } }).toColourspace(colourspace).png().toBuffer(),
  );
}
