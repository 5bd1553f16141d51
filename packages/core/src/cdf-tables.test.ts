import { describe, expect, test } from 'vitest';
import { assertValidCdfTables, type CdfTables } from './cdf-tables.js';

const tables = (cdf: number[], starts: number[], precision = 4): CdfTables => ({
  precision,
  cdf: Uint32Array.from(cdf),
  starts: Uint32Array.from(starts),
  valueOffsets: new Int32Array(starts.length - 1),
});

describe('assertValidCdfTables', () => {
  test('accepts valid tables, one-symbol tables included', () => {
    expect(() => assertValidCdfTables(tables([0, 3, 16, 0, 16], [0, 3, 5]))).not.toThrow();
  });

  test.each([
    ['a zero frequency', tables([0, 3, 3, 16], [0, 4])],
    ['a wrong total', tables([0, 3, 15], [0, 3])],
    ['a nonzero start', tables([1, 3, 16], [0, 3])],
    ['a table of one entry', tables([0, 16, 16], [0, 2, 3])],
  ])('rejects %s with LICO_CDF_INVALID', (_, t) => {
    expect(() => assertValidCdfTables(t)).toThrow(expect.objectContaining({ code: 'LICO_CDF_INVALID' }));
  });

  test('rejects a precision over 16 and wrong array types with LICO_INVALID_ARGUMENT', () => {
    expect(() => assertValidCdfTables(tables([0, 2 ** 17], [0, 2], 17))).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
    expect(() => assertValidCdfTables({ ...tables([0, 16], [0, 2]), cdf: [0, 16] as never })).toThrow(
      expect.objectContaining({ code: 'LICO_INVALID_ARGUMENT' }),
    );
  });
});
