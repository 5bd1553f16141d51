import type { ArchitectureName } from './architectures/names.js';
import type { CompressionModel } from './model.js';
import { type CalibrationOptions, modelFromWeights } from './model-from-weights.js';
import { decodeModelWeights } from './weights/lico-weights.js';

/** Options of {@link loadModel}. */
export interface LoadModelOptions extends CalibrationOptions {
  /** For a plain state dict without Lico's metadata: the architecture it holds. */
  readonly arch?: ArchitectureName;
}

/**
 * A model from a Lico weights file (safetensors written by `toSafetensors`, or a plain state
 * dict given `arch`). Names and shapes are checked against the architecture of its metadata;
 * the integer networks stored in the file are used as they are (no recalibration, so streams
 * decode exactly as they were encoded), and a file without them is calibrated.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { createModel, loadModel } from '@lico/models';
 *
 * const model = await createModel('bmshj2018-hyperprior', { N: 8, M: 12 });
 * const file = model.toSafetensors({ floatDtype: 'F16' });
 * const loaded = await loadModel(file);
 * console.log(file.length, loaded.info); // … { architecture: 'bmshj2018-hyperprior', N: 8, M: 12 }
 * ```
 */
export async function loadModel(bytes: Uint8Array, options: LoadModelOptions = {}): Promise<CompressionModel> {
  const { metadata, tensors } = decodeModelWeights(bytes, options.arch);
  const { architecture, N, M, quality, lambda } = metadata;
  return modelFromWeights(architecture, tensors, { N, M }, { quality, lambda }, options);
}
