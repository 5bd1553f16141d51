import type { CdfTables } from './cdf-tables.js';
import { BitWriter } from './io/bit-writer.js';
import { tableIndexOutOfRange } from './rans-inputs.js';
import { escapeCode, writeEscape } from './rans-stream.js';

/**
 * The encoder's forward pass of the stream format, for encoders written in TypeScript: the CDF
 * entry each value is coded with (`starts[table] + symbol`, the escape symbol for values its
 * table cannot code) and the escape section, whose codes must follow symbol order. Table
 * indexes out of range throw `LICO_INVALID_ARGUMENT`.
 */
export function ransSymbolEntries(
  values: Int32Array,
  indexes: Int32Array,
  tables: CdfTables,
): { entries: Uint32Array; escapes: Uint8Array } {
  const { starts, valueOffsets } = tables;
  const count = starts.length - 1;
  const entries = new Uint32Array(values.length);
  const escapes = new BitWriter();
  for (let i = 0; i < values.length; i++) {
    const t = indexes[i];
    if (t < 0 || t >= count) tableIndexOutOfRange(i, t, count);
    const escapeSymbol = starts[t + 1] - starts[t] - 2;
    const s = values[i] - valueOffsets[t];
    if (s >= 0 && s < escapeSymbol) {
      entries[i] = starts[t] + s;
    } else {
      entries[i] = starts[t] + escapeSymbol;
      writeEscape(escapes, escapeCode(values[i], valueOffsets[t], escapeSymbol));
    }
  }
  return { entries, escapes: escapes.finish() };
}
