/**
 * @packageDocumentation
 * Quantizers for learned image compression behind one {@link Quantizer} interface: uniform,
 * dead-zone and trellis-coded quantization (TCQ, 4 and 8 states; VVC-style dependent
 * quantization, as in Borzechowski, Schäfer and Schwarz, arXiv 2506.08662). Decisions are made
 * in fixed-point integers, so every backend quantizes alike. Swap quantizers by changing one
 * constructor: the entropy tables come from {@link buildQuantizerTables} for whichever is used.
 *
 * @example
 * ```ts
 * import '@lico/backend-js';
 * import { decodeWithIndexes, encodeWithIndexes } from '@lico/entropy';
 * import { GaussianDensity, TcqQuantizer, UniformQuantizer, buildQuantizerTables } from '@lico/quantizers';
 *
 * const latents = Float32Array.from({ length: 4096 }, (_, i) => 2 * Math.sin(i * 0.37));
 * for (const quantizer of [new UniformQuantizer({ step: 0.5 }), new TcqQuantizer({ step: 0.25, lambda: 0.02 })]) {
 *   const tables = await buildQuantizerTables(quantizer, [new GaussianDensity(1.4)]);
 *   const params = { tableIndexes: new Int32Array(latents.length), tables };
 *   const q = await quantizer.quantize(latents, params);
 *   const stream = await encodeWithIndexes(q.indexes, q.codingIndexes, tables);
 *   const decoded = await quantizer.dequantize(await quantizer.decodeIndexes(stream, params), params);
 *   console.log(quantizer.name, stream.length, decoded.every((v, i) => v === q.reconstruction[i]));
 * }
 * ```
 */
export { erfc, GaussianDensity, LaplacianDensity, type ScalarDensity } from './densities.js';
export { fromFixedLatents, toFixedLatents, toFixedStep } from './fixed-point.js';
export type { BackendChoice, EntropyParameters, QuantizedLatents, Quantizer } from './quantizer.js';
export { estimateRateDistortion } from './rate-distortion.js';
export { DeadZoneQuantizer, UniformQuantizer } from './scalar-quantizers.js';
export { buildQuantizerTables } from './tables.js';
export { type TcqLayout, TcqQuantizer } from './tcq-quantizer.js';
export { tcqRateTables } from './tcq-rates.js';
