import { type BackendName, LicoError } from '@lico/core';
import { floatTensor } from '@lico/transforms';
import type { Architecture } from '../architectures/architecture.js';
import { runTransform } from './transforms.js';

/** `[C, H, W]` of one latent tensor. */
export type Shape3 = readonly [number, number, number];

/**
 * z = h_a(y), float, on the encoder only; `bmshj2018-hyperprior` (a scale hyperprior) sees |y|,
 * as CompressAI's `ScaleHyperprior`. y's plane is padded (replicating its edge) to h_a's
 * multiple and z cropped to ⌈size / 4⌉.
 */
export async function hyperAnalysis(
  architecture: Architecture,
  y: Float32Array,
  yShape: Shape3,
  backend: BackendName | undefined,
): Promise<{ z: Float32Array; zShape: Shape3 }> {
  const { hA } = architecture.modules;
  if (!hA) throw new LicoError('LICO_INTERNAL', `${architecture.name} has no hyper-analysis`);
  const input = architecture.entropy === 'scale-hyperprior' ? y.map(Math.abs) : y;
  const z = await runTransform(hA, floatTensor(input, [1, ...yShape]), backend);
  return { z: z.data, zShape: [z.dims[1], z.dims[2], z.dims[3]] };
}
