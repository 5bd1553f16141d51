import { readFile, writeFile } from 'node:fs/promises';
import { LicoError } from '@lico/core';
import sharp from 'sharp';
import type { RgbImage } from './codec.js';

/** Writes `image` as a binary PPM (P6, maxval 255): what cjpeg, cwebp, cjxl and opj_compress read. */
export async function writePpm(path: string, image: RgbImage): Promise<void> {
  const header = new TextEncoder().encode(`P6\n${image.width} ${image.height}\n255\n`);
  const file = new Uint8Array(header.length + image.data.length);
  file.set(header);
  file.set(image.data, header.length);
  await writeFile(path, file);
}

/** Parses a binary PPM (P6, maxval 255; comments allowed in the header), as the decoders write it. */
export function parsePpm(file: Uint8Array, origin = 'PPM'): RgbImage {
  const fields: string[] = [];
  let at = 0;
  const space = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
  while (fields.length < 4 && at < file.length) {
    if (space(file[at])) at++;
    else if (file[at] === 0x23) while (at < file.length && file[at] !== 0x0a) at++;
    else {
      const start = at;
      while (at < file.length && !space(file[at]) && file[at] !== 0x23) at++;
      fields.push(new TextDecoder().decode(file.subarray(start, at)));
    }
  }
  at++; // the single whitespace byte before the samples
  const [magic, w, h, max] = fields;
  const width = Number(w);
  const height = Number(h);
  if (magic !== 'P6' || max !== '255' || !(width > 0) || !(height > 0))
    throw new LicoError('LICO_INTERNAL', `${origin} is not an 8-bit binary PPM (header: ${fields.join(' ')})`);
  const size = width * height * 3;
  if (file.length - at < size)
    throw new LicoError('LICO_INTERNAL', `${origin} ends early: ${file.length - at} of ${size} sample bytes`);
  return { width, height, data: file.slice(at, at + size) };
}

export async function readPpm(path: string): Promise<RgbImage> {
  return parsePpm(new Uint8Array(await readFile(path)), path);
}

/** Writes `image` as an 8-bit RGB PNG without colour metadata (what avifenc reads). */
export async function writePng(path: string, image: RgbImage): Promise<void> {
  await sharp(image.data, { raw: { width: image.width, height: image.height, channels: 3 } })
    .png({ compressionLevel: 1 })
    .toFile(path);
}

/** Reads a decoder's PNG output as 8-bit RGB; anything else (16-bit, alpha, grey) is an error. */
export async function readPngRgb(path: string): Promise<RgbImage> {
  const { data, info } = await sharp(path).raw({ depth: 'uchar' }).toBuffer({ resolveWithObject: true });
  if (info.channels !== 3)
    throw new LicoError('LICO_INTERNAL', `${path}: a decoder wrote ${info.channels} channels, expected RGB`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

/** Throws unless a decoder gave back an image of the input's size. */
export function checkDecodedSize(decoded: RgbImage, input: RgbImage, codec: string): RgbImage {
  if (decoded.width !== input.width || decoded.height !== input.height || decoded.data.length !== input.data.length)
    throw new LicoError(
      'LICO_INTERNAL',
      `${codec} decoded a ${decoded.width}×${decoded.height} image from a ${input.width}×${input.height} input`,
    );
  return decoded;
}
