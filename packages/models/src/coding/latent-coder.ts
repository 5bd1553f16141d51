import type { BackendName } from '@lico/core';
import type { FactorizedPrior } from '@lico/entropy-models';
import type { Quantizer } from '@lico/quantizers';
import type { Architecture } from '../architectures/architecture.js';
import type { ConditionalModels } from './conditionals.js';
import type { IntegerNetworks } from './integer-networks.js';
import type { Shape3 } from './side-information.js';

/** Where coding runs and with which quantizer (the architecture's entropy model decides which it takes). */
export interface CodingContext {
  readonly backend?: BackendName;
  readonly quantizer?: Quantizer;
}

/** What coding y gave: the streams in coding order, z's shape (hyperpriors), and ŷ. */
export interface CodedLatents {
  readonly streams: Uint8Array[];
  readonly zShape?: Shape3;
  readonly yHat: Float32Array;
}

/** What every coder uses of a model. */
export interface CoderParts {
  readonly architecture: Architecture;
  readonly networks: IntegerNetworks;
  /** The factorized prior (of y, or of z), with its tables built. */
  prior(backend: BackendName | undefined): Promise<FactorizedPrior>;
  readonly conditionals: ConditionalModels;
}

/** Codes an architecture's latents y with its entropy model, and decodes them. */
export interface LatentCoder {
  /** The streams {@link compress} writes, in order, e.g. `['z', 'y']`. */
  readonly streams: readonly string[];
  compress(y: Float32Array, yShape: Shape3, context: CodingContext): Promise<CodedLatents>;
  decompress(
    streams: readonly Uint8Array[],
    yShape: Shape3,
    zShape: Shape3 | undefined,
    context: CodingContext,
  ): Promise<Float32Array>;
}
