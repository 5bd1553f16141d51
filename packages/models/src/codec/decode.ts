import { type ContainerLimits, decodeContainer, isLicoError, LicoError } from '@lico/core';
import { streamNames } from '../architectures/architecture.js';
import { checkArchitectureName } from '../architectures/names.js';
import { checkQuantizer } from '../coding/conditionals.js';
import { type DecodedImage, tensorToImage } from './codec-image.js';
import type { CodecRunOptions } from './codec-options.js';
import { quantizerOf } from './codec-quantizer.js';
import { decoderModel, type WeightsSource } from './codec-weights.js';

/** Options of {@link decode}. */
export interface DecodeOptions extends CodecRunOptions {
  /**
   * Weights to look for the file's among, before the registry's: weights files' bytes, paths
   * (Node) or URLs. The file's weights hash picks the one.
   */
  readonly weights?: WeightsSource | readonly WeightsSource[];
  /** What the file may claim before anything is allocated (default: each side ≤ 65 535, ≤ 2^28 pixels). */
  readonly limits?: ContainerLimits;
}

const corrupt = (message: string) => new LicoError('LICO_BITSTREAM_CORRUPT', `Lico file: ${message}`);

/**
 * Decodes a Lico file to an 8-bit image of the size and layout its header names. In order: the
 * container's checks (magic, version, every field against `limits`, the stream lengths, both
 * CRCs) before anything is allocated; the model id (`LICO_UNSUPPORTED_MODEL`); the weights
 * whose hash the file names (`LICO_WEIGHTS_MISMATCH` naming the model and hash when none
 * match); that the model codes with the file's quantizer and stream count; then the streams.
 * Every failure is a `LicoError`.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { createModel, decode, encode } from '@lico/models';
 *
 * const weights = (await createModel('lico-checkerboard-gmm', { N: 4, M: 6 })).toSafetensors();
 * const gray = { width: 5, height: 3, channels: 1 as const, data: Uint8Array.from({ length: 15 }, (_, i) => 16 * i) };
 * const file = await encode(gray, { weights, backend: 'js' });
 * const other = (await createModel('lico-checkerboard-gmm', { N: 4, M: 6, seed: 1 })).toSafetensors();
 * console.log((await decode(file, { weights: [other, weights], backend: 'js' })).channels); // 1
 * await decode(file, { weights: other }).catch((error) => console.log(error.code)); // LICO_WEIGHTS_MISMATCH
 * ```
 */
export async function decode(bytes: Uint8Array, options: DecodeOptions = {}): Promise<DecodedImage> {
  const { header, streams } = decodeContainer(bytes, options.limits);
  const name = checkArchitectureName(header.model);
  options.onProgress?.({ stage: 'weights', step: 1, steps: 3 });
  const model = await decoderModel(name, header.weightsHash, options);
  if (model.info.architecture !== name) {
    throw corrupt(`it names the model ${name}, but the weights of its hash are ${model.info.architecture}`);
  }
  const quantizer = quantizerOf(header.quantizer, header.fixedStep);
  try {
    checkQuantizer(model.architecture, quantizer);
  } catch (error) {
    throw isLicoError(error, 'LICO_INVALID_ARGUMENT')
      ? corrupt(`a quantizer ${name} cannot have made: ${error.message}`)
      : error;
  }
  const expected = streamNames(name);
  if (streams.length !== expected.length) {
    throw corrupt(`${streams.length} streams; ${name} writes ${expected.length} (${expected.join(', ')})`);
  }
  const { backend } = options;
  const shapes = model.latentShapes(header.height, header.width);
  options.onProgress?.({ stage: 'latents', step: 2, steps: 3 });
  const yHat = await model.decodeLatents({ streams, shapes }, { backend, quantizer });
  options.onProgress?.({ stage: 'synthesis', step: 3, steps: 3 });
  const image = await model.synthesis(yHat, { backend, outputSize: shapes.image });
  return tensorToImage(image, header.layout);
}
