import type { EntropyScheme } from '../architectures/architecture.js';

/** The streams each entropy scheme writes, in coding order (the table of docs/format.md). */
export const STREAM_NAMES: Readonly<Record<EntropyScheme, readonly string[]>> = {
  factorized: ['y'],
  'scale-hyperprior': ['z', 'y'],
  'mean-scale-hyperprior': ['z', 'y'],
  autoregressive: ['z', 'y'],
  'checkerboard-mixture': ['z', 'anchors', 'nonAnchors'],
};
