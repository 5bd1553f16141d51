/**
 * @packageDocumentation
 * Lico's model architectures and their weights: safetensors files (float32, float16 and the
 * int32 tensors of integer networks), PyTorch/CompressAI checkpoints read without Python,
 * and `.npy` arrays for researchers' tools.
 */
export { type NpyArray, readNpy, writeNpy } from './weights/npy.js';
export { type PytorchCheckpoint, readPytorchCheckpoint } from './weights/pytorch-checkpoint.js';
export {
  readSafetensors,
  type SafetensorsContents,
  type SafetensorsDtype,
  writeSafetensors,
} from './weights/safetensors.js';
export { elementCount, type WeightMap, type WeightTensor } from './weights/weight-tensor.js';
