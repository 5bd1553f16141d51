import { constant } from '../ops/elementwise.js';
import { entropyBottleneckLikelihood, entropyBottleneckMedians } from '../ops/entropy-bottleneck.js';
import { quantize } from '../ops/quantize.js';
import type { Parameters } from '../parameters.js';
import type { Variable } from '../variable.js';
import type { ForwardOptions } from './scale-hyperprior.js';

/**
 * The hyperprior's side information z in a training forward pass: its likelihoods under the
 * entropy bottleneck (of z plus noise, or of z rounded around the medians in `'round'`
 * evaluation), and ẑ as h_s reads it (straight-through rounding around the medians in `'mixed'`).
 */
export function sideInformation(
  z: Variable,
  parameters: Parameters,
  options: ForwardOptions,
): { zLikelihoods: Variable; zHat: Variable } {
  const mode = options.quantization ?? 'noise';
  const medians = () => {
    const values = entropyBottleneckMedians(parameters);
    // Constants broadcast over z: no gradient.
    return constant(values, [1, values.length, 1, 1]);
  };
  const zTilde =
    mode === 'round'
      ? quantize(z, 'dequantize', { means: medians() })
      : quantize(z, 'noise', { random: options.random });
  const zLikelihoods = entropyBottleneckLikelihood(zTilde, parameters);
  const zHat = mode === 'mixed' ? quantize(z, 'ste', { means: medians() }) : zTilde;
  return { zLikelihoods, zHat };
}
