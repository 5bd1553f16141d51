/**
 * Lico's tensors are onnxruntime-common's: they say where their data lives (`location`), and
 * the same object passes to ONNX Runtime sessions without a copy.
 */

export type { TypedTensor } from 'onnxruntime-common';
export { Tensor } from 'onnxruntime-common';
