import { LicoError } from './errors.js';
import { tableIndexOutOfRange } from './rans-inputs.js';

/** What a C++ kernel reported: `status` 0 is success; otherwise see cc/status.h. */
export interface CcResult {
  readonly status: number;
  readonly a: number;
  readonly b: number;
}

// The Status enum of cc/status.h, shared by the native and wasm builds of the C++ kernels:
// keep this table in step with it.
function corrupt(message: string): never {
  throw new LicoError('LICO_BITSTREAM_CORRUPT', `rANS stream: ${message}`);
}

/** Throws the LicoError a failed C++ kernel stands for; `tableCount` is for index errors. */
export function throwCcStatus(result: CcResult, tableCount: number): never {
  const { status, a, b } = result;
  switch (status) {
    case 1:
      return tableIndexOutOfRange(a, b | 0, tableCount);
    case 2:
      return corrupt(`lane ${a} starts in an impossible state`);
    case 3:
      return corrupt(`lane ${a} runs past its end`);
    case 4:
      return corrupt(`lane ${a} does not end where it was coded`);
    case 5:
      throw new LicoError('LICO_BITSTREAM_TRUNCATED', 'rANS escape section ends inside an escape code');
    case 6:
      return corrupt('escape code prefix is too long');
    case 7:
      return corrupt(`escaped value of symbol ${a} is outside int32`);
    case 8:
      return corrupt('escape section has bytes no escape uses');
    case 9:
      throw new LicoError('LICO_LIMIT_EXCEEDED', `a kernel buffer of ${a} bytes could not be allocated`);
    case 10:
      throw new LicoError('LICO_INTERNAL', `oneDNN failed with status ${a | 0}; please report this`);
    default:
      throw new LicoError('LICO_INTERNAL', `C++ kernel returned unknown status ${status}; please report this`);
  }
}
