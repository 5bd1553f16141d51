/**
 * The valid files the decoder fuzz starts from: small images coded by small models with random
 * weights (scaled so that their latents are worth coding), one per architecture family and
 * quantizer, and the weights saved to a temporary folder as a weights index, the way trained
 * weights ship.
 */
import '@lico/backend-js';
import '@lico/backend-native';
import { createHash } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ArchitectureName, type CodecImage, type CodecQuantizer, encode } from '@lico/models';
import { codableModel } from '../../packages/models/test/helpers.js';

/** A valid file and what it was made of. */
export interface Seed {
  readonly name: string;
  readonly bytes: Uint8Array;
}

/** The seeds and the weights index the decoder finds their weights in. */
export interface Seeds {
  readonly seeds: readonly Seed[];
  /** `index.json` beside the weights files. */
  readonly index: string;
}

const SEEDS: readonly [ArchitectureName, CodecQuantizer, number, number, 1 | 3, number?][] = [
  ['lico-checkerboard-gmm', 'uniform', 1, 1, 3],
  ['lico-checkerboard-gmm', 'uniform', 17, 33, 3],
  ['lico-checkerboard-gmm', 'uniform', 48, 64, 1, 0.5],
  ['mbt2018-mean', 'uniform', 24, 40, 3],
  ['mbt2018-mean', 'deadzone', 16, 16, 1],
  ['mbt2018-mean', 'tcq', 40, 24, 3, 0.75],
  ['bmshj2018-hyperprior', 'tcq', 20, 20, 3, 0.5],
  ['bmshj2018-factorized', 'uniform', 32, 18, 3],
  ['cheng2020-anchor', 'deadzone', 24, 24, 3],
];

function image(width: number, height: number, channels: 1 | 3): CodecImage {
  const data = Uint8Array.from({ length: width * height * channels }, (_, i) => {
    const p = Math.floor(i / channels);
    return Math.round(127 + 110 * Math.sin(Math.floor(p / width) / 3 + (p % width) / 5 + (i % channels)));
  });
  return { width, height, channels, data };
}

/** Makes the models (N = 8, M = 12; cheng2020 N = M = 8), their weights folder, and the seed files. */
export async function makeSeeds(): Promise<Seeds> {
  const folder = await mkdtemp(join(tmpdir(), 'lico-fuzz-'));
  const weights = new Map<ArchitectureName, Uint8Array>();
  const entries = [];
  for (const arch of new Set(SEEDS.map(([arch]) => arch))) {
    const bytes = (await codableModel(arch, 8, arch.startsWith('cheng') ? 8 : 12)).toSafetensors();
    const file = `${arch}-q1.safetensors`;
    await writeFile(join(folder, file), bytes);
    weights.set(arch, bytes);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    entries.push({ model: arch, quality: 1, lambda: 0.01, file, sha256 });
  }
  const index = join(folder, 'index.json');
  await writeFile(index, JSON.stringify({ format: 'lico-weights-index', version: 1, weights: entries }));
  const seeds: Seed[] = [];
  for (const [arch, quantizer, width, height, channels, step] of SEEDS) {
    const bytes = await encode(image(width, height, channels), {
      weights: weights.get(arch),
      quantizer,
      step,
      backend: 'native',
    });
    seeds.push({ name: `${arch} ${quantizer} ${width}×${height}${channels === 1 ? ' gray' : ''}`, bytes });
  }
  return { seeds, index };
}
