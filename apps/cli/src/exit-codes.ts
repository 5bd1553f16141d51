import { isLicoError, type LicoErrorCode } from '@lico/core';

/** The `lico` command's exit codes; documented in apps/cli/README.md. */
export const ExitCode = {
  ok: 0,
  /** Something failed while running (an I/O error, a bug). */
  failure: 1,
  /** The command line is wrong (unknown option, bad value), or an input is not what the command takes. */
  usage: 2,
  /** A backend that was asked for by name could not start. */
  backendUnavailable: 3,
  /** A Lico file is damaged: corrupt or truncated. */
  corruptFile: 4,
  /** A Lico file of a format version or model this build does not read, or a model without trained weights. */
  unsupported: 5,
  /** A Lico file claims more than the decoder's limits allow. */
  limitExceeded: 6,
  /** Weights that do not fit: not the ones a file was encoded with, not of the model asked for, or malformed. */
  weights: 7,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

const BY_ERROR_CODE: Partial<Record<LicoErrorCode, ExitCode>> = {
  LICO_INVALID_ARGUMENT: ExitCode.usage,
  LICO_BACKEND_UNAVAILABLE: ExitCode.backendUnavailable,
  LICO_NO_BACKEND: ExitCode.backendUnavailable,
  LICO_BITSTREAM_CORRUPT: ExitCode.corruptFile,
  LICO_BITSTREAM_TRUNCATED: ExitCode.corruptFile,
  LICO_UNSUPPORTED_VERSION: ExitCode.unsupported,
  LICO_UNSUPPORTED_MODEL: ExitCode.unsupported,
  LICO_LIMIT_EXCEEDED: ExitCode.limitExceeded,
  LICO_WEIGHTS_MISMATCH: ExitCode.weights,
  LICO_WEIGHTS_INVALID: ExitCode.weights,
};

/** The exit code of every command for an error: by its `LicoError` code, else 1. */
export function exitCodeOf(error: unknown): ExitCode {
  return (isLicoError(error) && BY_ERROR_CODE[error.code]) || ExitCode.failure;
}
