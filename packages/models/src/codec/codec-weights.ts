import { LicoError } from '@lico/core';
import type { ArchitectureName } from '../architectures/names.js';
import { loadModel } from '../load-model.js';
import type { CompressionModel } from '../model.js';
import { readBytes } from '../read-bytes.js';
import { toHex, WEIGHTS_HASH_BYTES, weightsHash } from './weights-hash.js';
import { packagedWeights, type WeightsEntry, type WeightsRegistry } from './weights-registry.js';

/** Weights a caller gives: a weights file's bytes, or where it is (a path or `file:` URL in Node, a URL in browsers). */
export type WeightsSource = Uint8Array | string | URL;

/** A model and the hash of the weights file it was loaded from. */
export interface CodecModel {
  readonly model: CompressionModel;
  readonly hash: Uint8Array;
}

/** The model Lico's codec uses unless told otherwise. */
export const DEFAULT_MODEL: ArchitectureName = 'lico-checkerboard-gmm';

const TRAINABLE: readonly ArchitectureName[] = ['lico-checkerboard-gmm', 'bmshj2018-hyperprior'];
const models = new Map<string, Promise<CompressionModel>>();

/**
 * The model of a weights file, loaded once per hash. A file with integer networks (every file
 * `toSafetensors`, `lico train` and `lico convert` write) is used as it is; one without is
 * calibrated on the js backend, the same on every machine.
 */
function cachedModel(hex: string, bytes: () => Promise<Uint8Array>): Promise<CompressionModel> {
  let model = models.get(hex);
  if (!model) {
    model = (async () => loadModel(await bytes(), { backend: 'js' }))();
    models.set(hex, model);
    model.catch(() => models.delete(hex));
  }
  return model;
}

/**
 * Drops the models the codec has loaded and releases their transform sessions; the next
 * `encode` or `decode` loads its weights again.
 */
export async function clearCodecModels(): Promise<void> {
  const loaded = [...models.values()];
  models.clear();
  await Promise.all(loaded.map(async (model) => (await model.catch(() => undefined))?.dispose()));
}

async function sourceBytes(source: WeightsSource): Promise<Uint8Array> {
  if (source instanceof Uint8Array) return source;
  if (typeof source !== 'string' && !(source instanceof URL)) {
    throw new LicoError('LICO_INVALID_ARGUMENT', 'weights must be a weights file: its bytes, a path or a URL');
  }
  const bytes = await readBytes(source);
  if (!bytes) throw new LicoError('LICO_INVALID_ARGUMENT', `weights file ${String(source)} does not exist`);
  return bytes;
}

/** Weights a caller gave, read and hashed. */
async function hashedSource(source: WeightsSource): Promise<{ bytes: Uint8Array; hash: Uint8Array; hex: string }> {
  const bytes = await sourceBytes(source);
  const hash = await weightsHash(bytes);
  return { bytes, hash, hex: toHex(hash) };
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from({ length: WEIGHTS_HASH_BYTES }, (_, i) => Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16));
}

/** The model of a registry entry (its file read only if that hash is not loaded yet). */
function entryModel(registry: WeightsRegistry, entry: WeightsEntry): Promise<CompressionModel> {
  return cachedModel(entry.sha256.slice(0, 2 * WEIGHTS_HASH_BYTES), () => registry.read(entry));
}

function noTrainedWeights(model: ArchitectureName, where: string): LicoError {
  const how = TRAINABLE.includes(model)
    ? `train some with \`lico train --arch ${model} --lambda λ --steps N --out DIR\``
    : `convert a CompressAI checkpoint with \`lico convert IN.pth OUT.safetensors --arch ${model}\``;
  return new LicoError(
    'LICO_UNSUPPORTED_MODEL',
    `no trained weights for ${model} in ${where}: ${how}, then pass the weights file (weights: bytes or path; lico encode --weights FILE)`,
  );
}

/**
 * The model an encoder uses: the weights given, else the registry's entry for `model` and
 * `quality` (default quality: the middle one of those trained).
 */
export async function encoderModel(options: {
  readonly model?: ArchitectureName;
  readonly quality?: number;
  readonly weights?: WeightsSource;
  readonly registry?: WeightsRegistry;
}): Promise<CodecModel> {
  const { quality } = options;
  if (quality !== undefined && !(Number.isInteger(quality) && quality >= 1)) {
    throw new LicoError('LICO_INVALID_ARGUMENT', `quality must be an integer ≥ 1; got ${String(quality)}`);
  }
  if (options.weights !== undefined) {
    const { bytes, hash, hex } = await hashedSource(options.weights);
    const model = await cachedModel(hex, async () => bytes);
    const { architecture, quality: trained } = model.info;
    if (options.model !== undefined && options.model !== architecture) {
      throw new LicoError('LICO_WEIGHTS_MISMATCH', `the weights given are ${architecture}, not ${options.model}`);
    }
    if (quality !== undefined && quality !== trained) {
      throw new LicoError(
        'LICO_INVALID_ARGUMENT',
        `quality ${quality} picks trained weights; the weights given are ${trained === undefined ? 'of no recorded quality' : `quality ${trained}`}: leave quality out`,
      );
    }
    return { model, hash };
  }
  const registry = options.registry ?? packagedWeights();
  const model = options.model ?? DEFAULT_MODEL;
  const trained = (await registry.entries()).filter((entry) => entry.model === model);
  if (trained.length === 0) throw noTrainedWeights(model, registry.location);
  const qualities = trained.map((entry) => entry.quality).sort((a, b) => a - b);
  const wanted = quality ?? qualities[(qualities.length - 1) >> 1];
  const entry = trained.find((e) => e.quality === wanted);
  if (!entry) {
    throw new LicoError(
      'LICO_UNSUPPORTED_MODEL',
      `${model} has trained weights for quality ${qualities.join(', ')} in ${registry.location}, not ${wanted}`,
    );
  }
  const loaded = await entryModel(registry, entry);
  if (loaded.info.architecture !== model) {
    throw new LicoError(
      'LICO_WEIGHTS_INVALID',
      `${registry.location} lists ${entry.file} as ${model}, but it holds ${loaded.info.architecture}`,
    );
  }
  return { model: loaded, hash: fromHex(entry.sha256) };
}

/**
 * The model whose weights hash to `hash`: one of the weights given, or the registry's (loaded
 * once per hash); `LICO_WEIGHTS_MISMATCH` naming the model and hash when none does.
 */
export async function decoderModel(
  name: ArchitectureName,
  hash: Uint8Array,
  options: { readonly weights?: WeightsSource | readonly WeightsSource[]; readonly registry?: WeightsRegistry },
): Promise<CompressionModel> {
  const hex = toHex(hash);
  const { weights } = options;
  const sources: readonly WeightsSource[] = weights === undefined ? [] : Array.isArray(weights) ? weights : [weights];
  const others: string[] = [];
  for (const source of sources) {
    const given = await hashedSource(source);
    if (given.hex === hex) return cachedModel(hex, async () => given.bytes);
    others.push(given.hex);
  }
  const registry = options.registry ?? packagedWeights();
  const entry = (await registry.entries()).find((e) => e.sha256.startsWith(hex));
  if (entry) return entryModel(registry, entry);
  const tried = others.length > 0 ? `the weights given hash to ${others.join(', ')}` : 'no weights were given';
  throw new LicoError(
    'LICO_WEIGHTS_MISMATCH',
    `the file was encoded with ${name} weights of hash ${hex}; ${tried}, and ${registry.location} lists none with that hash: pass the weights file it was encoded with (weights option; lico decode --weights FILE)`,
  );
}
