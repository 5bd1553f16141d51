/**
 * @packageDocumentation
 * Entropy coding for Lico: interleaved rANS (32-bit state, byte renormalization, up to 4096
 * lanes decoded in parallel), per-symbol table indexes, escapes for any int32 value, exact
 * PMF to CDF quantization, and a one-symbol-at-a-time coder for autoregressive models. Every
 * backend writes the same bytes (`docs/rans-stream.md`).
 *
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { buildCdfTables, decodeWithIndexes, encodeWithIndexes } from '@lico/entropy';
 *
 * // Two tables: values -2…2 and 0…3, each with an escape for anything else.
 * const tables = await buildCdfTables(
 *   [[0.05, 0.2, 0.5, 0.2, 0.05], [0.7, 0.2, 0.05, 0.05]],
 *   { valueOffsets: [-2, 0] },
 * );
 * const values = Int32Array.from([0, 1, -2, 3, 250, -7]);
 * const indexes = Int32Array.from([0, 1, 0, 1, 0, 1]);
 * const stream = await encodeWithIndexes(values, indexes, tables);
 * const decoded = await decodeWithIndexes(stream, indexes, tables);
 * console.log(stream.length, decoded);
 * ```
 */
export { buildCdfTables, cdfTablesFromRows } from './cdf-tables.js';
export { idealCodeLength } from './code-length.js';
export { decodeWithIndexes, type EncodeOptions, encodeWithIndexes } from './coding.js';
export { type LaneCount, resolveLaneCount } from './lanes.js';
export { sampleFromTables } from './sample.js';
export { RansSymbolDecoder } from './symbol-decoder.js';
export { RansSymbolEncoder } from './symbol-encoder.js';
