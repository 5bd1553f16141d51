import { assertValidCdfTables, type CdfTables, escapeCode } from '@lico/core';

/**
 * The ideal code length, in bits, of coding `values` with tables `indexes`: the sum of
 * `-log2(freq / 2^precision)` of every coded symbol, plus the Exp-Golomb bits of each escape
 * (`2·floor(log2(e + 1)) + 1`). A rANS stream's size is measured against it.
 */
export function idealCodeLength(values: Int32Array, indexes: Int32Array, tables: CdfTables): number {
  assertValidCdfTables(tables);
  const { cdf, starts, valueOffsets, precision } = tables;
  let bits = 0;
  for (let i = 0; i < values.length; i++) {
    const t = indexes[i];
    const escapeSymbol = starts[t + 1] - starts[t] - 2;
    let s = values[i] - valueOffsets[t];
    if (s < 0 || s >= escapeSymbol) {
      bits += 2 * Math.floor(Math.log2(escapeCode(values[i], valueOffsets[t], escapeSymbol) + 1)) + 1;
      s = escapeSymbol;
    }
    bits += precision - Math.log2(cdf[starts[t] + s + 1] - cdf[starts[t] + s]);
  }
  return bits;
}
