import type { CdfTables } from '../cdf-tables.js';
import type { Exactness } from './exactness.js';

/**
 * Decodes a stream made by RansEncode, given the same table indexes and tables. A stream that
 * disagrees with them, is truncated or corrupt throws `LICO_BITSTREAM_CORRUPT` or
 * `LICO_BITSTREAM_TRUNCATED`; decoding never reads outside the stream and always ends.
 */
export const RansDecode = 'RansDecode';
export interface RansDecodeInputs {
  readonly stream: Uint8Array;
  readonly indexes: Int32Array;
  readonly tables: CdfTables;
  /**
   * Where to write the values (as long as `indexes`); a new array when absent. A codec that
   * decodes image after image can pass the same array each time: on some machines allocating
   * and first touching tens of megabytes costs as much as the decoding. After an error its
   * content is unspecified.
   */
  readonly output?: Int32Array;
}
export type RansDecodeAttrs = Record<string, never>;
export type RansDecodeOutputs = Int32Array;
export const RansDecodeExactness: Exactness = 'bit-exact';
