import { readdir, stat } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { invalidArgument, LicoError } from '@lico/core';
import sharp from 'sharp';
import type { RgbImage } from './codec.js';

/** File extensions `lico eval` reads from a dataset directory. */
export const IMAGE_EXTENSIONS = ['.png', '.jpg', '.jpeg', '.webp'] as const;
const FORMATS = new Set(['png', 'jpeg', 'webp']);

/** The images of `directory` (PNG, JPEG, WebP by extension), sorted by name; the first `limit` if given. */
export async function listDataset(directory: string, limit?: number): Promise<string[]> {
  const info = await stat(directory).catch(() => undefined);
  if (!info?.isDirectory()) invalidArgument('--dataset', 'a directory of images', directory);
  const names = (await readdir(directory))
    .filter((name) => (IMAGE_EXTENSIONS as readonly string[]).includes(extname(name).toLowerCase()))
    .sort();
  if (names.length === 0)
    invalidArgument('--dataset', `a directory with ${IMAGE_EXTENSIONS.join('/')} images`, directory);
  return names.slice(0, limit ?? names.length).map((name) => join(directory, name));
}

function refuse(path: string, what: string): never {
  throw new LicoError(
    'LICO_INVALID_ARGUMENT',
    `${basename(path)} is ${what}; lico eval measures 8-bit RGB PNG, JPEG or WebP images (convert it first, e.g. with an alpha-free 8-bit sRGB PNG export)`,
  );
}

/** Checks that `path` is an 8-bit RGB PNG, JPEG or WebP without alpha, and gives its size. */
export async function checkRgbImage(path: string): Promise<{ width: number; height: number }> {
  const meta = await sharp(path)
    .metadata()
    .catch((error: unknown) => refuse(path, `not a readable image (${String((error as Error).message ?? error)})`));
  if (!meta.format || !FORMATS.has(meta.format)) refuse(path, `a ${meta.format ?? 'unknown'} file`);
  if (meta.depth !== 'uchar') refuse(path, `${meta.depth === 'ushort' ? '16' : meta.depth}-bit`);
  if (meta.channels === 1 || meta.channels === 2 || meta.space === 'b-w') refuse(path, 'grayscale');
  if (meta.space === 'cmyk') refuse(path, 'CMYK');
  if (meta.hasAlpha || meta.channels !== 3) refuse(path, `${meta.channels}-channel (with alpha)`);
  if (meta.space !== 'srgb' && meta.space !== 'rgb') refuse(path, `in the ${meta.space} colour space`);
  if (!meta.width || !meta.height) refuse(path, 'without a size');
  return { width: meta.width, height: meta.height };
}

/** Decodes a checked image to 8-bit RGB, as stored (no rotation, no colour management). */
export async function readRgbImage(path: string): Promise<RgbImage> {
  await checkRgbImage(path);
  const { data, info } = await sharp(path).raw().toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) refuse(path, `${info.channels}-channel after decoding`);
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
