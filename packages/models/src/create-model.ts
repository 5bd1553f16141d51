import { initialFactorizedPrior } from '@lico/entropy-models';
import { type ArchitectureSizes, createArchitecture } from './architectures/architecture.js';
import type { ArchitectureName } from './architectures/names.js';
import { CompressionModel } from './model.js';
import type { CalibrationOptions } from './model-from-weights.js';

/** Options of {@link createModel}. */
export interface CreateModelOptions extends Partial<ArchitectureSizes>, CalibrationOptions {
  /** Seed of the random weights (PyTorch-like initialization; the same on every machine). */
  readonly seed?: number;
}

/**
 * A model with random weights (for tests, benchmarks and as the start of training), its
 * integer networks calibrated. Sizes default to CompressAI's (N = 128, M = 192; cheng2020:
 * N = M = 128).
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { createModel } from '@lico/models';
 * import { floatTensor } from '@lico/transforms';
 *
 * const calibration = [floatTensor(new Float32Array(3 * 64 * 64).fill(0.5), [1, 3, 64, 64])];
 * const model = await createModel('mbt2018-mean', { N: 8, M: 12, calibration, backend: 'js' });
 * const image = floatTensor(Float32Array.from({ length: 3 * 40 * 24 }, (_, i) => (i % 29) / 29), [1, 3, 40, 24]);
 * const { streams, shapes } = await model.compress(image, { backend: 'js' });
 * console.log(streams.map((s) => s.length), shapes.y); // … [ 12, 3, 2 ]
 * ```
 */
export async function createModel(name: ArchitectureName, options: CreateModelOptions = {}): Promise<CompressionModel> {
  const seed = options.seed ?? 0;
  const architecture = createArchitecture(name, options, seed);
  const prior = initialFactorizedPrior(architecture.priorChannels, seed);
  return new CompressionModel(architecture, prior).calibrate(options.calibration, options);
}
