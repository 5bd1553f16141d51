import { LicoError } from '@lico/core';
import { ARCHITECTURES, type ArchitectureName } from '../architectures/names.js';
import { readBytes } from '../read-bytes.js';
import { sha256, toHex } from './weights-hash.js';

/** One trained model of a weights index: which architecture and rate point, and its file. */
export interface WeightsEntry {
  readonly model: ArchitectureName;
  /** The rate point, 1 = the lowest rate (CompressAI's numbering). */
  readonly quality: number;
  /** The λ it was trained with (L = λ·255²·MSE + bpp). */
  readonly lambda: number;
  /** The file name, beside the index. */
  readonly file: string;
  /** SHA-256 of the file, 64 lowercase hex digits: a Lico file's weights hash is its first 32. */
  readonly sha256: string;
  /** Mean bpp and PSNR (RGB, dB) on Kodak, when measured. */
  readonly kodak?: { readonly bpp: number; readonly psnr: number };
}

/** Where the codec finds trained weights: a list of entries, and each entry's bytes. */
export interface WeightsRegistry {
  /** Where it is, for messages. */
  readonly location: string;
  entries(): Promise<readonly WeightsEntry[]>;
  /** The entry's file, checked against its SHA-256 (`LICO_WEIGHTS_INVALID` if it differs or is missing). */
  read(entry: WeightsEntry): Promise<Uint8Array>;
}

// The `format` of a weights index.
const WEIGHTS_INDEX_FORMAT = 'lico-weights-index';

const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const SHA256 = /^[0-9a-f]{64}$/;

function invalid(location: string, message: string): never {
  throw new LicoError('LICO_WEIGHTS_INVALID', `weights index ${location}: ${message}`);
}

function entryOf(value: unknown, at: string, location: string): WeightsEntry {
  const entry = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>;
  const { model, quality, lambda, file, sha256: hash, kodak } = entry;
  const need = (ok: boolean, what: string) => ok || invalid(location, `${at}: ${what}`);
  need((ARCHITECTURES as readonly unknown[]).includes(model), `model must be one of ${ARCHITECTURES.join(', ')}`);
  need(Number.isInteger(quality) && (quality as number) >= 1, 'quality must be an integer ≥ 1');
  need(typeof lambda === 'number' && lambda > 0, 'lambda must be a positive number');
  need(typeof file === 'string' && FILE_NAME.test(file), 'file must be a file name beside the index');
  need(typeof hash === 'string' && SHA256.test(hash), 'sha256 must be 64 lowercase hex digits');
  const measured = kodak as { bpp?: unknown; psnr?: unknown } | undefined;
  need(
    measured === undefined || (typeof measured?.bpp === 'number' && typeof measured?.psnr === 'number'),
    'kodak must be { bpp, psnr }',
  );
  return entry as unknown as WeightsEntry;
}

/**
 * Reads a weights index: `{ "format": "lico-weights-index", "version": 1, "weights": [entry, …] }`
 * with one entry per model and quality (`packages/models/weights/README.md`).
 */
export function parseWeightsIndex(text: string, location: string): WeightsEntry[] {
  let json: { format?: unknown; version?: unknown; weights?: unknown };
  try {
    json = JSON.parse(text);
  } catch (error) {
    invalid(location, `not JSON (${(error as Error).message})`);
  }
  if (json?.format !== WEIGHTS_INDEX_FORMAT) invalid(location, `format must be '${WEIGHTS_INDEX_FORMAT}'`);
  if (json.version !== 1) invalid(location, `version ${String(json.version)}; this build reads version 1`);
  if (!Array.isArray(json.weights)) invalid(location, 'weights must be an array');
  const entries = json.weights.map((value, i) => entryOf(value, `weights[${i}]`, location));
  const seen = new Set<string>();
  for (const { model, quality } of entries) {
    if (seen.has(`${model} ${quality}`)) invalid(location, `${model} quality ${quality} is listed twice`);
    seen.add(`${model} ${quality}`);
  }
  return entries;
}

/**
 * A registry read from a weights index (`index.json`) with the files beside it: a `file:` URL
 * in Node, an http(s) URL in browsers. A missing index is an empty registry; the index is read
 * once.
 * @example
 * ```ts
 * import { weightsRegistry } from '@lico/models';
 *
 * const registry = weightsRegistry(new URL('file:///nowhere/index.json'));
 * console.log(await registry.entries()); // []
 * ```
 */
export function weightsRegistry(index: URL): WeightsRegistry {
  const location = index.href;
  let entries: Promise<WeightsEntry[]> | undefined;
  return {
    location,
    entries() {
      entries ??= (async () => {
        const bytes = await readBytes(index);
        return bytes ? parseWeightsIndex(new TextDecoder().decode(bytes), location) : [];
      })();
      entries.catch(() => (entries = undefined));
      return entries;
    },
    async read(entry) {
      const url = new URL(entry.file, index);
      const bytes = await readBytes(url);
      if (!bytes) invalid(location, `${entry.file} is listed but missing`);
      const actual = toHex(await sha256(bytes));
      if (actual !== entry.sha256)
        invalid(location, `${entry.file} has SHA-256 ${actual}, the index says ${entry.sha256}`);
      return bytes;
    },
  };
}

let packaged: WeightsRegistry | undefined;

/**
 * The trained weights shipped with `@lico/models`: `weights/index.json` in the package and the
 * files it lists (`<architecture>-q<quality>.safetensors`).
 */
export function packagedWeights(): WeightsRegistry {
  packaged ??= weightsRegistry(new URL('../../weights/index.json', import.meta.url));
  return packaged;
}
