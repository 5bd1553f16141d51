import { assertValidCdfTables } from './cdf-tables.js';
import { invalidArgument, LicoError } from './errors.js';
import type { PmfToQuantizedCdfAttrs, PmfToQuantizedCdfInputs } from './kernels/PmfToQuantizedCdf.js';
import type { RansDecodeInputs } from './kernels/RansDecode.js';
import type { RansEncodeAttrs, RansEncodeInputs } from './kernels/RansEncode.js';
import { RANS_MAX_LANES, RANS_MAX_SYMBOLS } from './rans-stream.js';

/**
 * The checks every backend runs before RansEncode: array types and lengths, table rules, lane
 * count. Per-symbol checks (table index in range) are the kernel's, done while coding.
 */
export function checkRansEncodeInputs(inputs: RansEncodeInputs, attrs: RansEncodeAttrs): void {
  if (!(inputs.values instanceof Int32Array)) invalidArgument('values', 'an Int32Array', inputs.values);
  if (!(inputs.indexes instanceof Int32Array)) invalidArgument('indexes', 'an Int32Array', inputs.indexes);
  if (inputs.indexes.length !== inputs.values.length) {
    invalidArgument('indexes', `one table index per value (${inputs.values.length})`, inputs.indexes);
  }
  if (inputs.values.length > RANS_MAX_SYMBOLS) {
    throw new LicoError('LICO_LIMIT_EXCEEDED', `one stream holds at most ${RANS_MAX_SYMBOLS} symbols`);
  }
  if (!Number.isInteger(attrs?.lanes) || attrs.lanes < 1 || attrs.lanes > RANS_MAX_LANES) {
    invalidArgument('lanes', `an integer in [1, ${RANS_MAX_LANES}]`, attrs?.lanes);
  }
  assertValidCdfTables(inputs.tables);
}

/** The checks every backend runs before RansDecode. */
export function checkRansDecodeInputs(inputs: RansDecodeInputs): void {
  if (!(inputs.stream instanceof Uint8Array)) invalidArgument('stream', 'a Uint8Array', inputs.stream);
  if (!(inputs.indexes instanceof Int32Array)) invalidArgument('indexes', 'an Int32Array', inputs.indexes);
  const { output } = inputs;
  if (output !== undefined && (!(output instanceof Int32Array) || output.length !== inputs.indexes.length)) {
    invalidArgument('output', `an Int32Array of ${inputs.indexes.length} elements (one per index)`, output);
  }
  assertValidCdfTables(inputs.tables);
}

/** Throws the error every backend gives for a table index out of range. */
export function tableIndexOutOfRange(position: number, index: number, count: number): never {
  throw new LicoError(
    'LICO_INVALID_ARGUMENT',
    `indexes[${position}] is ${index}; table indexes must lie in [0, ${count})`,
  );
}

/** The checks every backend runs before PmfToQuantizedCdf. */
export function checkPmfToQuantizedCdfInputs(inputs: PmfToQuantizedCdfInputs, attrs: PmfToQuantizedCdfAttrs): void {
  const { pmf, starts } = inputs;
  if (!(pmf instanceof Uint32Array)) invalidArgument('pmf', 'a Uint32Array of integer weights', pmf);
  if (!(starts instanceof Uint32Array) || starts.length < 2) {
    invalidArgument('starts', 'a Uint32Array with one entry per table plus one', starts);
  }
  if (!Number.isInteger(attrs?.precision) || attrs.precision < 1 || attrs.precision > 16) {
    invalidArgument('precision', 'an integer in [1, 16]', attrs?.precision);
  }
  if (starts[0] !== 0 || starts[starts.length - 1] !== pmf.length) {
    invalidArgument('starts', `offsets from 0 to pmf.length (${pmf.length})`, starts);
  }
  for (let t = 0; t + 1 < starts.length; t++) {
    const n = starts[t + 1] - starts[t];
    if (starts[t + 1] < starts[t] || n < 1 || n > 2 ** attrs.precision) {
      throw new LicoError(
        'LICO_CDF_INVALID',
        `pmf ${t} has ${starts[t + 1] - starts[t]} symbols; a ${attrs.precision}-bit table holds 1 to ${2 ** attrs.precision}`,
      );
    }
  }
}
