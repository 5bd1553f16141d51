/**
 * @packageDocumentation
 * Lico's neural layers, defined in TypeScript with PyTorch/CompressAI state-dict names
 * (`Conv2d`, `ConvTranspose2d`, sub-pixel convolution, `GDN`/`IGDN`, residual and attention
 * blocks, masked convolutions, `Sequential`), each with a plain TypeScript forward (the
 * reference), exported to ONNX in memory and run through ONNX Runtime on the backend named:
 * `native` (onnxruntime-node), `wasm` and `webgpu` (onnxruntime-web), or `js` (the reference).
 * Sessions pad any image size to the network's multiple, tile large images and crop back.
 *
 * @example
 * ```ts
 * import { conv, createTransformSession, deconv, floatTensor, GDN, IGDN, Sequential } from '@lico/transforms';
 *
 * const gA = new Sequential(conv(3, 16), new GDN(16), conv(16, 16), new GDN(16), conv(16, 24)).initialize(1);
 * const gS = new Sequential(deconv(24, 16), new IGDN(16), deconv(16, 16), new IGDN(16), deconv(16, 3)).initialize(2);
 * const image = floatTensor(Float32Array.from({ length: 3 * 48 * 40 }, (_, i) => (i % 97) / 97), [1, 3, 48, 40]);
 *
 * const encoder = await createTransformSession(gA, { backend: 'wasm' });
 * const decoder = await createTransformSession(gS, { backend: 'wasm' });
 * const y = await encoder.run(image);
 * const xHat = await decoder.run(y, { outputSize: [48, 40] });
 * console.log(y.dims, xHat.dims); // [ 1, 24, 6, 5 ] [ 1, 3, 48, 40 ]
 * await Promise.all([encoder.dispose(), decoder.dispose()]);
 * ```
 */

export { maxRelativeError } from './compare.js';
export { LeakyReLU, ReLU } from './layers/activations.js';
export { AttentionBlock, ResidualUnit } from './layers/attention-block.js';
export { ConvTranspose2d, type ConvTranspose2dOptions } from './layers/conv-transpose2d.js';
export { Conv2d, type Conv2dOptions } from './layers/conv2d.js';
export { conv, conv1x1, conv3x3, deconv, subpelConv3x3 } from './layers/factories.js';
export { GDN, type GdnOptions, IGDN } from './layers/gdn.js';
export { kernelMask, MaskedConv2d, type MaskedConv2dOptions, type MaskType } from './layers/masked-conv2d.js';
export { LowerBound, NonNegativeParametrizer } from './layers/non-negative-parametrizer.js';
export { PixelShuffle } from './layers/pixel-shuffle.js';
export { ResidualBlock } from './layers/residual-block.js';
export { ResidualBlockUpsample } from './layers/residual-block-upsample.js';
export { ResidualBlockWithStride } from './layers/residual-block-with-stride.js';
export { Sequential } from './layers/sequential.js';
export { type EdgeReach, SAME_SIZE, type Spatial } from './module/geometry.js';
export { checkChannels, Layer } from './module/layer.js';
export { type LoadStateDictOptions, Module } from './module/module.js';
export { Parameter, type ParameterKind } from './module/parameter.js';
export {
  type LoadableEntry,
  type MisShapedEntry,
  type StateDict,
  type StateDictEntry,
  type StateDictLike,
  StateDictMismatchError,
} from './module/state-dict.js';
export {
  type ExportOnnxOptions,
  exportOnnx,
  type OnnxExportContext,
  type OnnxExporter,
  registerOnnxExporter,
} from './onnx/export.js';
export {
  float,
  int,
  ints,
  ONNX_IR_VERSION,
  ONNX_OPSET,
  type OnnxAttribute,
  OnnxGraphBuilder,
  text,
} from './onnx/graph-builder.js';
export { TRANSFORM_BACKENDS } from './runtime/providers.js';
export {
  createTransformSession,
  DEFAULT_TILE_SIZE,
  disposeTransformSessions,
  type RunOptions,
  type TransformSession,
  type TransformSessionOptions,
} from './runtime/session.js';
export { crop, type PaddingMode, padToMultiple } from './spatial/padding.js';
export { planTiles, type TilePlan, type TileSpan, tileMargin } from './spatial/tiling.js';
export { type FloatTensor, floatTensor, type Nchw, nchwOf } from './tensor.js';
