import { readFileSync } from 'node:fs';
import { type FloatTensor, floatTensor } from '@lico/transforms';
import {
  type ArchitectureName,
  type CompressionModel,
  createModel,
  loadModel,
  type WeightMap,
  writeSafetensors,
} from '../src/index.js';

/** A file of fixtures/checkpoints/. */
export function fixture(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../../../fixtures/checkpoints/${name}`, import.meta.url)));
}

/** A smooth RGB test image in [0, 1] with some detail. */
export function testImage(height: number, width: number): FloatTensor {
  const plane = height * width;
  const data = Float32Array.from({ length: 3 * plane }, (_, i) => {
    const [c, row, column] = [Math.floor(i / plane), Math.floor((i % plane) / width), i % width];
    return 0.5 + 0.4 * Math.sin(row / (5 + c) + column / 9) * Math.cos((row * column) / 97 + c);
  });
  return floatTensor(data, [1, 3, height, width]);
}

const scale = (weights: WeightMap, name: string, factor: number) => {
  const tensor = weights.get(name);
  if (!tensor) throw new Error(`no ${name}`);
  weights.set(name, { shape: tensor.shape, data: tensor.data.map((v) => v * factor) });
};

/**
 * A model with small random weights whose latents are worth coding: PyTorch's initialization
 * leaves y at a spread of about 0.1 (everything rounds to 0), so the last analysis layer is
 * scaled to a spread of a few units, as trained models have, and h_a's to give z a spread of
 * about 1.5; the model is
 * then loaded as a plain state dict, which calibrates its integer networks on those weights.
 */
export async function codableModel(arch: ArchitectureName, N: number, M: number): Promise<CompressionModel> {
  const weights = (await createModel(arch, { N, M, seed: 3, backend: 'native' })).weights();
  const analysisOut = arch === 'cheng2020-attn' ? 'g_a.7' : 'g_a.6';
  const hyperOut = arch.startsWith('cheng') ? 'h_a.8' : 'h_a.4';
  // Measured spreads of z at these sizes: 0.7 (|y|), 0.25 (mbt2018's h_a), 0.12 to 0.2 (cheng2020's).
  const hyperGain = { 'bmshj2018-hyperprior': 4, 'cheng2020-anchor': 25, 'cheng2020-attn': 15 }[arch as string] ?? 12;
  for (const suffix of ['weight', 'bias']) {
    scale(weights, `${analysisOut}.${suffix}`, 40);
    if (arch !== 'bmshj2018-factorized') scale(weights, `${hyperOut}.${suffix}`, hyperGain);
  }
  return loadModel(writeSafetensors(weights), { arch, backend: 'native' });
}
