import type { ArchitectureSizes } from './architectures/architecture.js';
import type { ArchitectureName } from './architectures/names.js';
import type { CompressionModel, ModelInfo } from './model.js';
import { type CalibrationOptions, modelFromWeights } from './model-from-weights.js';
import { readPytorchCheckpoint } from './weights/pytorch-checkpoint.js';

/** Options of {@link importCheckpoint}. */
export interface ImportCheckpointOptions
  extends Partial<ArchitectureSizes>,
    Pick<ModelInfo, 'quality' | 'lambda'>,
    CalibrationOptions {
  /** The architecture the checkpoint was trained as (CompressAI's model id). */
  readonly arch: ArchitectureName;
}

/**
 * A model from a PyTorch/CompressAI checkpoint (`.pth`, `.pth.tar`), read without Python:
 * N and M come from the tensors' shapes unless given, every name and shape is checked
 * (`LICO_WEIGHTS_MISMATCH` lists what is missing, unexpected or mis-shaped), CompressAI's
 * derived buffers are ignored, masks are applied, and the integer networks are calibrated
 * (on `calibration`, or on the crops shipped in `calibration/`). Save the result with
 * `model.toSafetensors()`.
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { readFileSync } from 'node:fs';
 * import { importCheckpoint } from '@lico/models';
 *
 * const bytes = readFileSync('fixtures/checkpoints/mbt2018-mean.pth.tar');
 * const model = await importCheckpoint(bytes, { arch: 'mbt2018-mean', quality: 1 });
 * console.log(model.info); // { architecture: 'mbt2018-mean', N: 8, M: 12, quality: 1 }
 * ```
 */
export async function importCheckpoint(bytes: Uint8Array, options: ImportCheckpointOptions): Promise<CompressionModel> {
  const { tensors } = readPytorchCheckpoint(bytes);
  const { arch, N, M, quality, lambda } = options;
  return modelFromWeights(arch, tensors, { N, M }, { quality, lambda }, options);
}
