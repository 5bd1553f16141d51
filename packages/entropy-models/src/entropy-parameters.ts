import { invalidArgument } from '@lico/core';
import { fromFixedLatents } from '@lico/quantizers';
import type { GaussianConditional } from './gaussian-conditional.js';
import type { IntegerTensor } from './integer-network.js';

/**
 * Splits the output of an integer parameter network, `[2C, H, W]` in the latent fixed point
 * (2^-8), into the means (first C channels) and the scale indexes (last C channels, through
 * the model's integer rule) of a `[C, H, W]` latent.
 */
export function gaussianParametersFrom(
  output: IntegerTensor,
  model: GaussianConditional,
): { means: Float32Array; scaleIndexes: Int32Array; shape: [number, number, number] } {
  const [channels, height, width] = output.shape;
  if (channels % 2 !== 0) invalidArgument('output', 'an even channel count (means, then scales)', channels);
  const half = (channels / 2) * height * width;
  return {
    means: fromFixedLatents(output.values.subarray(0, half)),
    scaleIndexes: model.indexesFor(output.values.subarray(half)),
    shape: [channels / 2, height, width],
  };
}
