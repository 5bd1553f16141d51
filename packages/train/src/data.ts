import { readdir } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { invalidArgument, LicoError, seededRandom } from '@lico/core';
import sharp from 'sharp';
import { Variable } from './variable.js';

/**
 * The training images of this repository's workspace: `../shared/data/train` next to the
 * repository root (72 RGB PNGs). The Kodak images in `../shared/data/kodak` are the test set and
 * are never trained on.
 */
export function defaultTrainDirectory(): string {
  return fileURLToPath(new URL('../../../../shared/data/train', import.meta.url));
}

/** Options of {@link ImageCropLoader}. */
export interface ImageCropLoaderOptions {
  /** A directory of images (PNG, JPEG, WebP); every file is used, in name order. */
  readonly directory: string;
  /** Crops per batch. */
  readonly batch: number;
  /** Side of the square crops, in pixels. */
  readonly crop: number;
  /** Makes the sequence of batches reproducible: 0. */
  readonly seed?: number;
  /** Random horizontal and vertical flips: true. */
  readonly flips?: boolean;
  /** Batches prepared ahead: 2. */
  readonly prefetch?: number;
  /** The index of the first batch: a resumed run continues the sequence where it stopped. 0. */
  readonly first?: number;
}

interface Decoded {
  readonly pixels: Uint8Array;
  readonly width: number;
  readonly height: number;
}

const IMAGE = /\.(png|jpe?g|webp)$/i;

/**
 * Random square crops with random flips, as batches `[batch, 3, crop, crop]` of RGB values in
 * [0, 1]. Batch k depends only on the seed and k: every run sees the same crops in the same order.
 * Images are decoded once by sharp (on its own threads) and kept decoded; `prefetch` batches are
 * always in preparation, so that a training step finds its batch ready.
 *
 * @example
 * ```ts
 * import { ImageCropLoader } from '@lico/train';
 *
 * // Any directory of photos: defaultTrainDirectory() is the workspace's training set; this
 * // repository's fixtures/train holds three crops of it.
 * const loader = await ImageCropLoader.open({ directory: 'fixtures/train', batch: 2, crop: 64, seed: 1 });
 * const x = await loader.next();
 * console.log(x.shape); // [2, 3, 64, 64]
 * loader.close();
 * ```
 */
export class ImageCropLoader {
  readonly files: readonly string[];
  readonly options: Required<ImageCropLoaderOptions>;
  readonly #images = new Map<number, Promise<Decoded>>();
  readonly #queue: Promise<Float32Array>[] = [];
  #next = 0;
  #closed = false;

  private constructor(files: string[], options: Required<ImageCropLoaderOptions>) {
    this.files = files;
    this.options = options;
    this.#next = options.first;
    for (let k = 0; k < options.prefetch; k++) this.#enqueue();
  }

  /** Lists the images of `options.directory` and starts preparing the first batches. */
  static async open(options: ImageCropLoaderOptions): Promise<ImageCropLoader> {
    const positive = (name: 'batch' | 'crop', value: number) => {
      if (!Number.isInteger(value) || value < 1) invalidArgument(name, 'a positive integer', value);
    };
    positive('batch', options.batch);
    positive('crop', options.crop);
    const directory = resolve(options.directory);
    if (directory.split(sep).includes('kodak'))
      invalidArgument('directory', 'training images (Kodak is the test set and is never trained on)', directory);
    let names: string[];
    try {
      names = (await readdir(directory)).filter((name) => IMAGE.test(name)).sort();
    } catch (error) {
      throw new LicoError('LICO_INVALID_ARGUMENT', `cannot read the training images in ${directory}`, { cause: error });
    }
    if (names.length === 0) invalidArgument('directory', 'a directory with PNG, JPEG or WebP images', directory);
    const prefetch = options.prefetch ?? 2;
    if (!Number.isInteger(prefetch) || prefetch < 1) invalidArgument('prefetch', 'a positive integer', prefetch);
    const first = options.first ?? 0;
    if (!Number.isInteger(first) || first < 0) invalidArgument('first', 'an integer ≥ 0', first);
    return new ImageCropLoader(
      names.map((name) => join(directory, name)),
      {
        directory,
        batch: options.batch,
        crop: options.crop,
        seed: options.seed ?? 0,
        flips: options.flips ?? true,
        prefetch,
        first,
      },
    );
  }

  /** The next batch, `[batch, 3, crop, crop]`. */
  async next(): Promise<Variable> {
    if (this.#closed) throw new LicoError('LICO_INVALID_ARGUMENT', 'the loader is closed');
    this.#enqueue();
    const data = await (this.#queue.shift() as Promise<Float32Array>);
    // A turn of the event loop even when the batch was ready: Node gives the buffers V8 has
    // collected back to native code there (a training step runs without one).
    await new Promise((resolve) => setImmediate(resolve));
    const { batch, crop } = this.options;
    return new Variable(data, [batch, 3, crop, crop]);
  }

  /** Stops preparing batches and drops the decoded images. */
  close(): void {
    this.#closed = true;
    for (const pending of this.#queue) pending.catch(() => {});
    this.#queue.length = 0;
    this.#images.clear();
  }

  #enqueue(): void {
    const pending = this.#makeBatch(this.#next++);
    pending.catch(() => {}); // reported by next()
    this.#queue.push(pending);
  }

  #decode(index: number): Promise<Decoded> {
    let image = this.#images.get(index);
    if (!image) {
      image = sharp(this.files[index])
        .removeAlpha()
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true })
        .then(({ data, info }) => ({
          pixels: new Uint8Array(data.buffer, data.byteOffset, data.length),
          width: info.width,
          height: info.height,
        }));
      this.#images.set(index, image);
    }
    return image;
  }

  async #makeBatch(index: number): Promise<Float32Array> {
    const { batch, crop, seed, flips } = this.options;
    // One generator per batch: batch k is the same whatever happened before it.
    const random = seededRandom((seed * 0x9e3779b1 + index * 0x85ebca77 + 1) >>> 0);
    const picks = Array.from({ length: batch }, () => Math.floor(random() * this.files.length));
    const images = await Promise.all(picks.map((k) => this.#decode(k)));
    const out = new Float32Array(batch * 3 * crop * crop);
    const plane = crop * crop;
    images.forEach((image, b) => {
      if (image.width < crop || image.height < crop)
        invalidArgument(
          'crop',
          `at most the smallest image side (${this.files[picks[b]]} is ${image.width}×${image.height})`,
          crop,
        );
      const top = Math.floor(random() * (image.height - crop + 1));
      const left = Math.floor(random() * (image.width - crop + 1));
      const flipX = flips && random() < 0.5;
      const flipY = flips && random() < 0.5;
      const base = b * 3 * plane;
      for (let y = 0; y < crop; y++) {
        const sy = top + (flipY ? crop - 1 - y : y);
        for (let x = 0; x < crop; x++) {
          const sx = left + (flipX ? crop - 1 - x : x);
          const from = (sy * image.width + sx) * 3;
          const to = base + y * crop + x;
          out[to] = image.pixels[from] / 255;
          out[to + plane] = image.pixels[from + 1] / 255;
          out[to + 2 * plane] = image.pixels[from + 2] / 255;
        }
      }
    });
    return out;
  }
}
