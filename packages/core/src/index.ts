/**
 * @packageDocumentation
 * Lico's core: the backend interface and registry, kernel contracts and their registry,
 * tensors, typed errors, byte and bit I/O, and the rANS stream layout every backend shares.
 * Feature packages call kernels through {@link runKernel}; backends register implementations.
 *
 * @example
 * ```ts
 * import { getBackend, runKernel, RansEncode } from '@lico/core';
 * import '@lico/backend-js';
 *
 * const backend = await getBackend();
 * const tables = {
 *   precision: 16,
 *   cdf: new Uint32Array([0, 40000, 65000, 65536]),
 *   starts: new Uint32Array([0, 4]),
 *   valueOffsets: new Int32Array([0]),
 * };
 * const stream = await runKernel(
 *   RansEncode,
 *   { values: new Int32Array([0, 1, 0, 7]), indexes: new Int32Array(4), tables },
 *   { lanes: 2 },
 *   backend,
 * );
 * console.log(backend.name, stream.length);
 * ```
 */
export type { Backend, BackendFactory, BackendName } from './backend.js';
export { backendFailure, disposeBackend, getBackend, registerBackend, registeredBackends } from './backend-registry.js';
export { type CcResult, throwCcStatus } from './cc-status.js';
export type { CdfTables } from './cdf-tables.js';
export { assertValidCdfTables, MAX_CDF_PRECISION, MAX_CDF_TABLES, tableCount } from './cdf-tables.js';
export {
  type ChannelLayout,
  CONTAINER_QUANTIZERS,
  type ContainerHeader,
  type ContainerLimits,
  type ContainerQuantizer,
  decodeContainer,
  encodeContainer,
  LICO_FORMAT_VERSION,
  LICO_MAGIC,
} from './container/container.js';
export { crc32 } from './container/crc32.js';
export {
  checkConv2dAttrs,
  checkConv2dBackpropFilterInputs,
  checkConv2dBackpropInputInputs,
  checkConv2dInputs,
  checkFloat32Array,
  conv2dOutputShape,
  MAX_CONV2D_ELEMENTS,
} from './conv2d-inputs.js';
export type { LicoErrorCode } from './errors.js';
export { describeValue, invalidArgument, isLicoError, LicoError } from './errors.js';
export { checkIntConv2dInputs, intConv2dOutputShape } from './int-conv-inputs.js';
export { BitReader } from './io/bit-reader.js';
export { BitWriter } from './io/bit-writer.js';
export { ByteReader } from './io/byte-reader.js';
export { ByteWriter } from './io/byte-writer.js';
export type { KernelConfig } from './kernel-registry.js';
export { getKernel, kernelsOf, registerKernel, runKernel, runKernelSync } from './kernel-registry.js';
export * from './kernels/index.js';
export {
  checkScalarQuantizeInputs,
  checkTcqAttrs,
  checkTcqQuantizeInputs,
  MAX_TCQ_BIT_COST,
  MAX_TCQ_RATE_COST,
} from './quantize-inputs.js';
export { seededRandom } from './random.js';
export {
  checkPmfToQuantizedCdfInputs,
  checkRansDecodeInputs,
  checkRansEncodeInputs,
  tableIndexOutOfRange,
} from './rans-inputs.js';
export { cdfEntryOf, RansLaneDecoder } from './rans-lane.js';
export type { RansStreamLayout } from './rans-stream.js';
export {
  effectiveLaneCount,
  escapeCode,
  escapedValue,
  escapeReader,
  laneSymbolCount,
  RANS_MAX_LANES,
  RANS_MAX_SYMBOLS,
  RANS_STATE_LOWER,
  RANS_STREAM_VERSION,
  readEscape,
  readRansStreamLayout,
  writeEscape,
  writeRansStream,
} from './rans-stream.js';
export { ransSymbolEntries } from './rans-symbols.js';
export type { TypedTensor } from './tensor.js';
export { Tensor } from './tensor.js';
export {
  checkActivationAttrs,
  checkAdamUpdateInputs,
  checkGdnBackpropInputs,
  checkGdnInputs,
  checkSameLength,
} from './train-inputs.js';
export { TCQ_TRANSITIONS, tcqQuantizerOf } from './trellis.js';
