/**
 * @packageDocumentation
 * Lico's model architectures and their weights: CompressAI's `bmshj2018-factorized`,
 * `bmshj2018-hyperprior`, `mbt2018-mean`, `cheng2020-anchor` and `cheng2020-attn` (same
 * module structure and parameter names, so checkpoints map one to one) and Lico's default
 * `lico-checkerboard-gmm`. Each model composes `@lico/transforms` (float transforms on ONNX
 * Runtime), the integer parameter networks of `@lico/entropy-models`, a quantizer of
 * `@lico/quantizers` and the rANS coder of `@lico/entropy`. Weights are safetensors files
 * (float32, float16, and int32 for the integer networks); PyTorch checkpoints are read
 * without Python; `.npy` arrays serve researchers' tools.
 *
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { createModel } from '@lico/models';
 * import { floatTensor } from '@lico/transforms';
 *
 * const calibration = [floatTensor(Float32Array.from({ length: 3 * 64 * 64 }, (_, i) => (i % 61) / 61), [1, 3, 64, 64])];
 * const model = await createModel('bmshj2018-hyperprior', { N: 8, M: 12, calibration, backend: 'js' });
 * const compressed = await model.compress(calibration[0], { backend: 'js' });
 * const image = await model.decompress(compressed, { backend: 'js' });
 * console.log(compressed.streams.length, image.dims); // 2 [ 1, 3, 64, 64 ]
 * ```
 */
export {
  type Architecture,
  type ArchitectureSizes,
  createArchitecture,
  type EntropyScheme,
  streamNames,
} from './architectures/architecture.js';
export { ArchitectureModules, type ArchitectureParts } from './architectures/modules.js';
export { ARCHITECTURES, type ArchitectureName } from './architectures/names.js';
export { defaultCalibrationImages } from './calibration/default-images.js';
export type { CodecImage, DecodedImage } from './codec/codec-image.js';
export type { CodecProgress, CodecRunOptions, CodecStage } from './codec/codec-options.js';
export { CODEC_QUANTIZERS, type CodecQuantizer } from './codec/codec-quantizer.js';
export { clearCodecModels, DEFAULT_MODEL, type WeightsSource } from './codec/codec-weights.js';
export { type DecodeOptions, decode } from './codec/decode.js';
export { type EncodeOptions, encode } from './codec/encode.js';
export { packagedWeights, type WeightsEntry, type WeightsRegistry, weightsRegistry } from './codec/weights-registry.js';
export type { IntegerNetworks } from './coding/integer-networks.js';
export { type CreateModelOptions, createModel } from './create-model.js';
export { type ImportCheckpointOptions, importCheckpoint } from './import-checkpoint.js';
export type { LatentRefiner, RefinementInput } from './latent-refiner.js';
export { type LoadModelOptions, loadModel } from './load-model.js';
export {
  type CompressedImage,
  CompressionModel,
  type CompressOptions,
  type CompressResult,
  type LatentShapes,
  type ModelInfo,
  type ModelRunOptions,
} from './model.js';
export type { CalibrationOptions } from './model-from-weights.js';
export { WEIGHTS_FORMAT, WEIGHTS_FORMAT_VERSION } from './weights/lico-weights.js';
export { type NpyArray, readNpy, writeNpy } from './weights/npy.js';
export { type PytorchCheckpoint, readPytorchCheckpoint } from './weights/pytorch-checkpoint.js';
export {
  readSafetensors,
  type SafetensorsContents,
  type SafetensorsDtype,
  writeSafetensors,
} from './weights/safetensors.js';
export { elementCount, type WeightMap, type WeightTensor } from './weights/weight-tensor.js';
export { type MisShapedTensor, WeightsMismatchError } from './weights/weights-mismatch.js';
