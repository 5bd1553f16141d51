import type { ConvertedNetwork } from '@lico/entropy-models';
import type { EntropyScheme } from '../architectures/architecture.js';

/**
 * The integer parameter networks of a model (docs/integer-networks.md), converted from its
 * float modules by calibration or read from a weights file: everything that decides which
 * table codes which symbol, so that every backend decodes what any other encoded.
 */
export interface IntegerNetworks {
  /** `h_s`: ẑ → y's parameters (hyperpriors) or hyper features (context models). */
  readonly hS?: ConvertedNetwork;
  /** `context_prediction`: decoded ŷ → context features. */
  readonly contextPrediction?: ConvertedNetwork;
  /** `entropy_parameters`: [hyper features; context features] → y's parameters. */
  readonly entropyParameters?: ConvertedNetwork;
}

/** A key of {@link IntegerNetworks}. */
export type IntegerNetworkRole = keyof IntegerNetworks;

/** The CompressAI module each integer network comes from (and its name in weights files). */
export const MODULE_NAMES: Record<IntegerNetworkRole, 'h_s' | 'context_prediction' | 'entropy_parameters'> = {
  hS: 'h_s',
  contextPrediction: 'context_prediction',
  entropyParameters: 'entropy_parameters',
};

/** The integer networks an entropy scheme codes with. */
export function integerRoles(scheme: EntropyScheme): IntegerNetworkRole[] {
  switch (scheme) {
    case 'factorized':
      return [];
    case 'scale-hyperprior':
    case 'mean-scale-hyperprior':
      return ['hS'];
    default:
      return ['hS', 'contextPrediction', 'entropyParameters'];
  }
}
