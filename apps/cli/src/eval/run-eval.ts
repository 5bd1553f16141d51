import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import type { Codec, RgbImage } from './codec.js';
import { mapLimit } from './concurrency.js';
import { checkRgbImage, readRgbImage } from './dataset-images.js';
import { bitsPerPixel, psnr } from './metrics.js';
import { MS_SSIM_MIN_SIDE, msSsim } from './ms-ssim.js';

/** One encode of one image at one quality, measured. */
export interface ImageRecord {
  readonly codec: string;
  readonly quality: number;
  readonly image: string;
  readonly width: number;
  readonly height: number;
  readonly bytes: number;
  readonly bpp: number;
  readonly psnr: number;
  /** Null when the image is smaller than MS-SSIM's 161 pixels per side. */
  readonly msssim: number | null;
  readonly encodeSeconds: number | null;
  readonly decodeSeconds: number | null;
}

/** What a codec was in a run: enough to read its records later. */
export interface CodecInfo {
  readonly name: string;
  readonly description: string;
  readonly version: string;
  readonly qualityName: string;
  readonly qualities: readonly number[];
  /** `Codec.qualityVersion` of each default quality at the time of the run, where the codec has one. */
  readonly qualityVersions?: Readonly<Record<string, string>>;
  /**
   * Per quality, when and on what machine its points were measured (`measuredOnLine`): a merged
   * result set holds points of earlier runs, whose encode and decode times come from there.
   */
  readonly measuredOn?: Readonly<Record<string, string>>;
}

/** One finished encode, for progress reporting. */
export interface EvalProgress {
  readonly done: number;
  readonly total: number;
  readonly record: ImageRecord;
}

export interface RunEvalOptions {
  /** Image files (see `listDataset`). */
  readonly images: readonly string[];
  readonly codecs: readonly Codec[];
  /** Per codec name, the qualities to run instead of its default sweep. */
  readonly qualities?: ReadonlyMap<string, readonly number[]>;
  /** Encodes at once (default 2). */
  readonly jobs?: number;
  /** Stops starting encodes; the run then rejects with the signal's reason once the running ones end. */
  readonly signal?: AbortSignal;
  readonly onStart?: (total: number) => void;
  readonly onProgress?: (progress: EvalProgress) => void;
}

export interface RunEvalResult {
  readonly codecs: CodecInfo[];
  readonly records: ImageRecord[];
  /** Images too small for MS-SSIM (their `msssim` is null). */
  readonly tooSmallForMsSsim: string[];
}

/** `{ qualityVersions }` of a codec with `qualityVersion`: one entry per default quality. */
function qualityVersionsOf(codec: Codec): Pick<CodecInfo, 'qualityVersions'> {
  const { qualityVersion } = codec;
  if (!qualityVersion) return {};
  return { qualityVersions: Object.fromEntries(codec.defaultQualities.map((q) => [q, qualityVersion.call(codec, q)])) };
}

/**
 * Checks every image and codec first (a missing tool or a refused image stops the run before any
 * encode), then encodes and decodes each image with each codec at each quality, `jobs` at a time,
 * each in its own temporary directory, and measures bpp (file size), PSNR and MS-SSIM.
 */
export async function runEval(options: RunEvalOptions): Promise<RunEvalResult> {
  const sizes = new Map<string, { width: number; height: number }>();
  for (const path of options.images) sizes.set(path, await checkRgbImage(path));
  const codecs: CodecInfo[] = [];
  for (const codec of options.codecs) {
    for (const quality of options.qualities?.get(codec.name) ?? codec.defaultQualities) codec.checkQuality?.(quality);
    codecs.push({
      name: codec.name,
      description: codec.description,
      version: await codec.version(),
      qualityName: codec.qualityName,
      qualities: [...(options.qualities?.get(codec.name) ?? codec.defaultQualities)],
      ...qualityVersionsOf(codec),
    });
  }
  const tooSmallForMsSsim = options.images
    .filter((path) => Math.min(sizes.get(path)?.width ?? 0, sizes.get(path)?.height ?? 0) < MS_SSIM_MIN_SIDE)
    .map((path) => basename(path));

  const jobs = options.images.flatMap((path) =>
    options.codecs.flatMap((codec, c) => codecs[c].qualities.map((quality) => ({ path, codec, quality }))),
  );
  // Images are decoded when first needed and dropped after their last job.
  const remaining = new Map<string, number>();
  for (const job of jobs) remaining.set(job.path, (remaining.get(job.path) ?? 0) + 1);
  const loaded = new Map<string, Promise<RgbImage>>();
  const image = (path: string) => {
    let pending = loaded.get(path);
    if (!pending) {
      pending = readRgbImage(path);
      loaded.set(path, pending);
    }
    return pending;
  };

  options.onStart?.(jobs.length);
  const root = await mkdtemp(join(tmpdir(), 'lico-eval-'));
  let done = 0;
  try {
    const records = await mapLimit(
      jobs,
      options.jobs ?? 2,
      async ({ path, codec, quality }) => {
        const original = await image(path);
        const workDir = await mkdtemp(join(root, `${codec.name}-`));
        try {
          const result = await codec.encode(original, quality, workDir);
          const record: ImageRecord = {
            codec: codec.name,
            quality,
            image: basename(path),
            width: original.width,
            height: original.height,
            bytes: result.bytes.length,
            bpp: bitsPerPixel(result.bytes.length, original.width, original.height),
            psnr: psnr(original, result.decoded),
            msssim:
              Math.min(original.width, original.height) >= MS_SSIM_MIN_SIDE ? msSsim(original, result.decoded) : null,
            encodeSeconds: result.encodeSeconds ?? null,
            decodeSeconds: result.decodeSeconds ?? null,
          };
          options.onProgress?.({ done: ++done, total: jobs.length, record });
          return record;
        } finally {
          await rm(workDir, { recursive: true, force: true });
          const left = (remaining.get(path) ?? 1) - 1;
          remaining.set(path, left);
          if (left === 0) loaded.delete(path);
        }
      },
      options.signal,
    );
    return { codecs, records, tooSmallForMsSsim };
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}
