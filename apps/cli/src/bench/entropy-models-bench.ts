import { createHash } from 'node:crypto';
import { getBackend, LicoError } from '@lico/core';
import {
  type BenchModel,
  checkerboardModel,
  factorizedModel,
  hyperpriorModel,
  type LatentSizes,
  latentSizes,
} from './entropy-models-setup.js';
import { medianSeconds } from './timing.js';

export const ENTROPY_MODELS = ['factorized', 'gaussian', 'gmm', 'hyperprior-checkerboard'] as const;
export type EntropyModelName = (typeof ENTROPY_MODELS)[number];

export interface EntropyModelsBenchOptions {
  readonly width: number;
  readonly height: number;
  /** Channels of z (N) and of y (M). */
  readonly n: number;
  readonly m: number;
  readonly repeats: number;
  readonly backends: readonly string[];
  readonly models: readonly EntropyModelName[];
  readonly onProgress?: (message: string) => void;
}

export type ModelBackendResult = { ms: number; encodeMs: number; decodeMs: number; sha256: string } | { error: string };

export interface EntropyModelResult {
  /** Coded bits over the model's −log2 likelihood of what it coded, in percent. */
  bitsOverLikelihoodPct: number;
  bytes: number;
  likelihoodBits: number;
  /**
   * The rate cost of integer parameter networks, on y drawn from the float model: the integer
   * model's likelihood bits and coded bits over the float model's likelihood bits, in percent.
   */
  integerRateCost?: { floatBits: number; likelihoodPct: number; codedPct: number };
  backends: Record<string, ModelBackendResult>;
}

export interface EntropyModelsBenchResult {
  image: { width: number; height: number };
  latents: { y: number[]; z: number[] };
  models: Partial<Record<EntropyModelName, EntropyModelResult>>;
}

const SETUPS: Record<EntropyModelName, (sizes: LatentSizes) => Promise<BenchModel>> = {
  factorized: factorizedModel,
  gaussian: (sizes) => hyperpriorModel(sizes, false),
  gmm: (sizes) => hyperpriorModel(sizes, true),
  'hyperprior-checkerboard': checkerboardModel,
};

const sha256 = (streams: Uint8Array[]) => {
  const hash = createHash('sha256');
  for (const stream of streams) hash.update(stream);
  return hash.digest('hex');
};

/**
 * The entropy-models benchmark: each model on the latents of one image (random weights
 * converted to integer networks, latents drawn from the model itself), on each backend:
 * parameter computation plus coding, encode and decode (median of `repeats`), the stream's
 * SHA-256 (the same on every backend), and the coded bits against the model's likelihood.
 * A decode that does not rebuild the encoder's ŷ is an error.
 */
export async function runEntropyModelsBench(options: EntropyModelsBenchOptions): Promise<EntropyModelsBenchResult> {
  const sizes = latentSizes(options.width, options.height, options.n, options.m);
  const result: EntropyModelsBenchResult = {
    image: { width: options.width, height: options.height },
    latents: { y: [...sizes.y], z: [...sizes.z] },
    models: {},
  };
  for (const name of options.models) {
    options.onProgress?.(`${name}: building the model and its latents`);
    const model = await SETUPS[name](sizes);
    const entry: EntropyModelResult = {
      bitsOverLikelihoodPct: 0,
      bytes: 0,
      likelihoodBits: model.reference.likelihoodBits,
      backends: {},
    };
    const cost = model.integerCost;
    if (cost) {
      entry.integerRateCost = {
        floatBits: cost.floatBits,
        likelihoodPct: (cost.integerBits / cost.floatBits - 1) * 100,
        codedPct: (cost.codedBits / cost.floatBits - 1) * 100,
      };
    }
    for (const backendName of options.backends) {
      options.onProgress?.(`${name}: ${backendName}`);
      try {
        const backend = await getBackend(backendName);
        let streams: Uint8Array[] = [];
        const encodeSeconds = await medianSeconds(options.repeats, async () => {
          streams = await model.encode(backend.name);
        });
        let decoded: Float32Array = new Float32Array(0);
        const decodeSeconds = await medianSeconds(options.repeats, async () => {
          decoded = await model.decode(streams, backend.name);
        });
        if (!decoded.every((v, i) => v === model.reference.yHat[i])) {
          throw new LicoError('LICO_INTERNAL', `${name} on ${backendName}: the decoder did not rebuild ŷ`);
        }
        const bytes = streams.reduce((sum, s) => sum + s.length, 0);
        entry.bytes = bytes;
        entry.bitsOverLikelihoodPct = ((bytes * 8) / model.reference.likelihoodBits - 1) * 100;
        entry.backends[backendName] = {
          ms: (encodeSeconds + decodeSeconds) * 1000,
          encodeMs: encodeSeconds * 1000,
          decodeMs: decodeSeconds * 1000,
          sha256: sha256(streams),
        };
      } catch (error) {
        entry.backends[backendName] = { error: error instanceof Error ? error.message : String(error) };
      }
    }
    result.models[name] = entry;
  }
  return result;
}
