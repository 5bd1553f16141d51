import { encodeContainer, LicoError } from '@lico/core';
import type { ArchitectureName } from '../architectures/names.js';
import { checkQuantizer } from '../coding/conditionals.js';
import type { LatentRefiner } from '../latent-refiner.js';
import { type CodecImage, checkCodecImage, imageToTensor, layoutOf } from './codec-image.js';
import type { CodecRunOptions } from './codec-options.js';
import { type CodecQuantizer, encoderQuantizer } from './codec-quantizer.js';
import { encoderModel, type WeightsSource } from './codec-weights.js';

/** Options of {@link encode}. */
export interface EncodeOptions extends CodecRunOptions {
  /** The architecture (default `lico-checkerboard-gmm`; with `weights`, theirs). */
  readonly model?: ArchitectureName;
  /** The rate point among the trained weights of `model`, 1 = the lowest rate (default: the middle one). */
  readonly quality?: number;
  /**
   * How y is quantized (default `uniform`): `uniform`, `deadzone` (θ = 1/3) or `tcq` (8 states,
   * λ = Δ²/4), as far as the model takes it: `lico-checkerboard-gmm`'s mixture and the
   * factorized prior take `uniform` only, cheng2020's context no `tcq` (`LICO_INVALID_ARGUMENT`).
   */
  readonly quantizer?: CodecQuantizer;
  /** The quantizer step Δ in latent units (default 1, what models are trained for; 1/256 … 4096). */
  readonly step?: number;
  /** Weights to encode with instead of the registry's: a weights file's bytes, a path (Node) or a URL. */
  readonly weights?: WeightsSource;
  /**
   * Changes y before it is coded, e.g. `@lico/train`'s `latentRefiner` (slower, fewer bits for the
   * same quality; any decoder reads the file). Only with the default quantizer (uniform, step 1),
   * which the refiner optimizes for (`LICO_INVALID_ARGUMENT` otherwise).
   */
  readonly refine?: LatentRefiner;
}

/**
 * Compresses an 8-bit RGB or grayscale image of any size (1×1 and up) to a Lico file
 * (docs/format.md): the model id, the hash of its weights, the image size and layout, the
 * quantizer, and the model's coded streams. The weights are the ones given or the registry's
 * trained ones for `model` and `quality` (`LICO_UNSUPPORTED_MODEL`, saying how to get some,
 * when there are none); they are loaded once per process and hash.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { createModel, decode, encode } from '@lico/models';
 *
 * // A tiny model with random weights: any weights file works the same way.
 * const weights = (await createModel('lico-checkerboard-gmm', { N: 4, M: 6 })).toSafetensors();
 * const image = { width: 20, height: 12, channels: 3 as const, data: new Uint8Array(20 * 12 * 3).fill(128) };
 * const file = await encode(image, { weights, backend: 'js' });
 * const decoded = await decode(file, { weights, backend: 'js' });
 * console.log(file.length, decoded.width, decoded.height, decoded.channels); // … 20 12 3
 * ```
 */
export async function encode(image: CodecImage, options: EncodeOptions = {}): Promise<Uint8Array> {
  checkCodecImage(image);
  const { kind, fixedStep, quantizer } = encoderQuantizer(options.quantizer ?? 'uniform', options.step ?? 1);
  if (options.refine && (kind !== 'uniform' || (options.step ?? 1) !== 1)) {
    throw new LicoError(
      'LICO_INVALID_ARGUMENT',
      `refine optimizes y for the uniform quantizer of step 1 that the models are trained for; not for quantizer '${kind}' with step ${options.step ?? 1}`,
    );
  }
  options.onProgress?.({ stage: 'weights', step: 1, steps: 2 });
  const { model, hash } = await encoderModel(options);
  checkQuantizer(model.architecture, quantizer);
  options.onProgress?.({ stage: 'compress', step: 2, steps: 2 });
  const { streams } = await model.compress(imageToTensor(image), {
    backend: options.backend,
    quantizer,
    refine: options.refine,
  });
  return encodeContainer(
    {
      model: model.info.architecture,
      weightsHash: hash,
      width: image.width,
      height: image.height,
      layout: layoutOf(image),
      quantizer: kind,
      fixedStep,
    },
    streams,
  );
}
