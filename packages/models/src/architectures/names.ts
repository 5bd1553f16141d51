import { LicoError } from '@lico/core';

/**
 * The architectures Lico builds: the five it shares with CompressAI (same ids, module
 * structure and parameter names, so checkpoints map one to one) and Lico's default model.
 */
export const ARCHITECTURES = [
  'bmshj2018-factorized',
  'bmshj2018-hyperprior',
  'mbt2018-mean',
  'cheng2020-anchor',
  'cheng2020-attn',
  'lico-checkerboard-gmm',
] as const;

/** One of {@link ARCHITECTURES}. */
export type ArchitectureName = (typeof ARCHITECTURES)[number];

/** The name as an {@link ArchitectureName}, or `LICO_UNSUPPORTED_MODEL` listing the known ones. */
export function checkArchitectureName(name: unknown): ArchitectureName {
  if (typeof name === 'string' && (ARCHITECTURES as readonly string[]).includes(name)) return name as ArchitectureName;
  throw new LicoError(
    'LICO_UNSUPPORTED_MODEL',
    `Lico has no architecture named ${JSON.stringify(name)}; it knows ${ARCHITECTURES.join(', ')}`,
  );
}
