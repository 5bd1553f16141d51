import { type ChannelLayout, invalidArgument } from '@lico/core';
import { type FloatTensor, floatTensor } from '@lico/transforms';

/**
 * An 8-bit image as the codec takes and gives it: `width × height` pixels, row by row, each
 * pixel's channels together (RGB: `r, g, b, r, g, b, …`; grayscale: one byte per pixel).
 */
export interface CodecImage {
  readonly width: number;
  readonly height: number;
  /** 3: RGB; 1: grayscale (coded as RGB with the value replicated, decoded back to one channel). */
  readonly channels: 1 | 3;
  /** `width · height · channels` bytes. */
  readonly data: Uint8Array;
}

/** What {@link decode} gives: the image at the size and channel layout the file names. */
export type DecodedImage = CodecImage;

/** Checks an image's fields and size (each side 1 … 65 535, as a Lico file holds). */
export function checkCodecImage(image: CodecImage): void {
  if (typeof image !== 'object' || image === null) invalidArgument('image', '{ width, height, channels, data }', image);
  const { width, height, channels, data } = image;
  for (const [name, value] of [
    ['image.width', width],
    ['image.height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > 65_535)
      invalidArgument(name, 'an integer from 1 to 65535', value);
  }
  if (channels !== 1 && channels !== 3) invalidArgument('image.channels', '1 (grayscale) or 3 (RGB)', channels);
  if (!(data instanceof Uint8Array) || data.length !== width * height * channels) {
    invalidArgument(
      'image.data',
      `a Uint8Array of ${width}·${height}·${channels} = ${width * height * channels} bytes`,
      data,
    );
  }
}

/** The channel layout a Lico file records for the image. */
export function layoutOf(image: CodecImage): ChannelLayout {
  return image.channels === 1 ? 'gray' : 'rgb';
}

/** The image as the model takes it: float32 `[1, 3, H, W]` in [0, 1]; grayscale replicated to RGB. */
export function imageToTensor(image: CodecImage): FloatTensor {
  const { width, height, channels, data } = image;
  const plane = width * height;
  const values = new Float32Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) values[c * plane + p] = data[p * channels + (channels === 1 ? 0 : c)] / 255;
  }
  return floatTensor(values, [1, 3, height, width]);
}

const clamp = (value: number) => Math.min(Math.max(value, 0), 1);

/**
 * The model's output (`[1, 3, H, W]`) as 8-bit pixels: clamped to [0, 1] and rounded; for a
 * grayscale layout, the mean of the three clamped channels (the closest gray in squared error).
 */
export function tensorToImage(tensor: FloatTensor, layout: ChannelLayout): CodecImage {
  const [, , height, width] = tensor.dims;
  const plane = width * height;
  const values = tensor.data;
  if (layout === 'gray') {
    const data = new Uint8Array(plane);
    for (let p = 0; p < plane; p++) {
      data[p] = Math.round(((clamp(values[p]) + clamp(values[plane + p]) + clamp(values[2 * plane + p])) / 3) * 255);
    }
    return { width, height, channels: 1, data };
  }
  const data = new Uint8Array(3 * plane);
  for (let p = 0; p < plane; p++) {
    for (let c = 0; c < 3; c++) data[3 * p + c] = Math.round(clamp(values[c * plane + p]) * 255);
  }
  return { width, height, channels: 3, data };
}
