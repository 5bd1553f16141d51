import type { CdfTables } from '@lico/core';
import { idealCodeLength } from '@lico/entropy';
import type { QuantizedLatents } from './quantizer.js';

/**
 * A quantization's rate and distortion estimate: the ideal code length of its indexes under
 * the coding tables, in bits, and the squared error of its reconstruction.
 */
export function estimateRateDistortion(
  latents: Float32Array,
  quantized: QuantizedLatents,
  tables: CdfTables,
): { bits: number; squaredError: number } {
  let squaredError = 0;
  for (let i = 0; i < latents.length; i++) squaredError += (latents[i] - quantized.reconstruction[i]) ** 2;
  return { bits: idealCodeLength(quantized.indexes, quantized.codingIndexes, tables), squaredError };
}
