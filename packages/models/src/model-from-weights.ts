import type { FloatTensor } from '@lico/transforms';
import {
  type ArchitectureSizes,
  createArchitecture,
  describeArchitecture,
  inferSizes,
} from './architectures/architecture.js';
import type { ArchitectureName } from './architectures/names.js';
import { CompressionModel, type ModelInfo, type ModelRunOptions } from './model.js';
import { checkArchitectureWeights, loadArchitectureWeights } from './weights/architecture-weights.js';
import { INTEGER_PREFIX, readIntegerNetworks } from './weights/integer-tensors.js';
import type { WeightMap } from './weights/weight-tensor.js';
import { noMismatch, throwIfMismatch } from './weights/weights-mismatch.js';

/** How a model's integer networks are converted when its weights do not hold them. */
export interface CalibrationOptions extends ModelRunOptions {
  /** RGB images `[N, 3, H, W]` in [0, 1] (default: the four crops in `calibration/`). */
  readonly calibration?: readonly FloatTensor[];
}

/**
 * A model from a state dict: sizes from the shapes (unless given), every name and shape
 * checked (one `LICO_WEIGHTS_MISMATCH` error lists all that does not fit), the float tensors
 * loaded, and the integer networks read from the weights when they hold them, else calibrated.
 */
export async function modelFromWeights(
  name: ArchitectureName,
  weights: WeightMap,
  sizes: Partial<ArchitectureSizes>,
  info: Pick<ModelInfo, 'quality' | 'lambda'>,
  options: CalibrationOptions,
): Promise<CompressionModel> {
  const architecture = createArchitecture(name, inferSizes(name, weights, sizes));
  const mismatch = noMismatch();
  checkArchitectureWeights(architecture, weights, mismatch, (tensor) => tensor.startsWith(INTEGER_PREFIX));
  const networks = readIntegerNetworks(architecture, weights, mismatch);
  throwIfMismatch(describeArchitecture(architecture.name, architecture.sizes), mismatch);
  const prior = loadArchitectureWeights(architecture, weights);
  const model = new CompressionModel(architecture, prior, info, networks);
  return model.integerNetworks ? model : model.calibrate(options.calibration, options);
}
