/**
 * Every error Lico throws on purpose is a {@link LicoError} whose `code` comes from this union.
 * Codes are stable; messages are for people and may change. Tests assert on `code`.
 */
export type LicoErrorCode =
  /** An argument has the wrong type, shape or range. */
  | 'LICO_INVALID_ARGUMENT'
  /** A backend has no implementation of a kernel. */
  | 'LICO_KERNEL_MISSING'
  /** A kernel or backend of that name is already registered. */
  | 'LICO_ALREADY_REGISTERED'
  /** No backend could be started. */
  | 'LICO_NO_BACKEND'
  /** The backend asked for by name could not be started. */
  | 'LICO_BACKEND_UNAVAILABLE'
  /** A CDF table breaks the rules (starts at 0, strictly increasing, ends at 2^precision). */
  | 'LICO_CDF_INVALID'
  /** Coding was asked for before the entropy model built its tables. */
  | 'LICO_CDF_NOT_READY'
  /** A bitstream is inconsistent with itself or with what the decoder was told. */
  | 'LICO_BITSTREAM_CORRUPT'
  /** A bitstream ends before its content does. */
  | 'LICO_BITSTREAM_TRUNCATED'
  /** A bitstream was written by a format version this build does not read. */
  | 'LICO_UNSUPPORTED_VERSION'
  /** A size or count is over a documented limit. */
  | 'LICO_LIMIT_EXCEEDED'
  /** A weights file or checkpoint is malformed, or uses a feature Lico does not read. */
  | 'LICO_WEIGHTS_INVALID'
  /** Weights do not fit an architecture: missing, unexpected or mis-shaped tensors. */
  | 'LICO_WEIGHTS_MISMATCH'
  /** An architecture or model name Lico does not know. */
  | 'LICO_UNSUPPORTED_MODEL'
  /** A bug in Lico: please report it. */
  | 'LICO_INTERNAL';

/** The error type of every deliberate failure in Lico. */
export class LicoError extends Error {
  override readonly name = 'LicoError';
  readonly code: LicoErrorCode;

  constructor(code: LicoErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/**
 * True when `error` is a {@link LicoError}, optionally with the given code.
 * @example
 * ```ts
 * import { isLicoError } from '@lico/core';
 * try { JSON.parse('{'); } catch (e) { console.log(isLicoError(e)); } // false
 * ```
 */
export function isLicoError(error: unknown, code?: LicoErrorCode): error is LicoError {
  return error instanceof LicoError && (code === undefined || error.code === code);
}

/** Describes a value for an error message: its type and a short rendering. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (ArrayBuffer.isView(value)) return `${value.constructor.name}(${(value as Uint8Array).length})`;
  if (Array.isArray(value)) return `array(${value.length})`;
  if (typeof value === 'string') return `string ${JSON.stringify(value.slice(0, 40))}`;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') {
    return `${typeof value} ${String(value)}`;
  }
  return typeof value;
}

/** Throws `LICO_INVALID_ARGUMENT` naming the parameter, what was expected and what arrived. */
export function invalidArgument(parameter: string, expected: string, actual: unknown): never {
  throw new LicoError('LICO_INVALID_ARGUMENT', `${parameter} must be ${expected}; got ${describeValue(actual)}`);
}
