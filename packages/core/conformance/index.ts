/**
 * The conformance suite every backend runs (`describeConformance('wasm')` in the backend's
 * `test/conformance.test.ts`), and the seeded inputs it uses.
 */
export { type ConformanceOptions, describeConformance } from './describe-conformance.js';
export {
  type Conv2dCase,
  conv2dCases,
  firstMismatch,
  type GdnCase,
  gdnCases,
  uniformFloats,
} from './float-cases.js';
export { type IntConvCase, intConvCases } from './int-conv-cases.js';
export { type QuantizeCase, quantizeCases } from './quantize-cases.js';
export { drawValues, type RansCase, randomTables, ransCases } from './rans-cases.js';
