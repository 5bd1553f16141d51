import { LicoError } from './errors.js';
import { BitReader } from './io/bit-reader.js';
import type { BitWriter } from './io/bit-writer.js';
import { ByteReader } from './io/byte-reader.js';
import { ByteWriter } from './io/byte-writer.js';

/**
 * The rANS stream format shared by every backend; `docs/rans-stream.md` specifies it.
 * 32-bit state, byte-wise renormalization, state kept in [RANS_STATE_LOWER, 2^31).
 */
export const RANS_STREAM_VERSION = 1;
/** Lower bound L of the coder state: 2^23. */
export const RANS_STATE_LOWER = 1 << 23;
/** Most interleaved lanes in one stream. */
export const RANS_MAX_LANES = 4096;
/** Most symbols in one stream (2^31 - 1 keeps every index in int32). */
export const RANS_MAX_SYMBOLS = 0x7fffffff;
/** Longest escape code prefix: values need at most 34 bits (see {@link escapeCode}). */
const MAX_ESCAPE_PREFIX = 33;

/** Where each part of a stream lies, after its header was read and checked. */
export interface RansStreamLayout {
  readonly precision: number;
  readonly symbolCount: number;
  readonly laneCount: number;
  /** `laneStarts[j]` … `laneStarts[j + 1]`: lane j's bytes (its 4-byte state first). */
  readonly laneStarts: Uint32Array;
  readonly escapeStart: number;
  readonly escapeEnd: number;
}

/** The lane count an encoder actually uses for `symbolCount` symbols when asked for `lanes`. */
export function effectiveLaneCount(lanes: number, symbolCount: number): number {
  return Math.max(1, Math.min(lanes, symbolCount, RANS_MAX_LANES));
}

/** How many of `symbolCount` symbols lane `lane` of `laneCount` carries (symbol i goes to lane i % laneCount). */
export function laneSymbolCount(symbolCount: number, laneCount: number, lane: number): number {
  return Math.floor((symbolCount - lane + laneCount - 1) / laneCount);
}

/** Assembles a stream from its lanes (each with its state first) and its escape bytes. */
export function writeRansStream(parts: {
  precision: number;
  symbolCount: number;
  lanes: readonly Uint8Array[];
  escapes: Uint8Array;
}): Uint8Array {
  let payload = parts.escapes.length;
  for (const lane of parts.lanes) payload += lane.length;
  const out = new ByteWriter(payload + 16 + parts.lanes.length * 3);
  out.writeU8(RANS_STREAM_VERSION);
  out.writeU8(parts.precision);
  out.writeVarUint(parts.symbolCount);
  out.writeVarUint(parts.lanes.length);
  out.writeVarUint(parts.escapes.length);
  for (const lane of parts.lanes) out.writeVarUint(lane.length);
  for (const lane of parts.lanes) out.writeBytes(lane);
  out.writeBytes(parts.escapes);
  return out.finish();
}

function corrupt(message: string): never {
  throw new LicoError('LICO_BITSTREAM_CORRUPT', `rANS stream: ${message}`);
}

/**
 * Reads and checks a stream's header against what the decoder knows (symbol count and
 * precision), before any symbol is decoded: every length is bounded, so a forged header can
 * make the decoder neither allocate nor loop more than the honest stream would.
 */
export function readRansStreamLayout(
  stream: Uint8Array,
  expected: { symbolCount: number; precision: number },
): RansStreamLayout {
  const reader = new ByteReader(stream, 'rANS stream');
  const version = reader.readU8('version');
  if (version !== RANS_STREAM_VERSION) {
    throw new LicoError(
      'LICO_UNSUPPORTED_VERSION',
      `rANS stream version ${version} is not supported (this build reads version ${RANS_STREAM_VERSION})`,
    );
  }
  const precision = reader.readU8('precision');
  if (precision !== expected.precision) {
    corrupt(`coded with ${precision}-bit CDFs, but the decoder's tables have ${expected.precision} bits`);
  }
  const symbolCount = reader.readVarUint('symbol count');
  if (symbolCount !== expected.symbolCount) {
    corrupt(`holds ${symbolCount} symbols, but ${expected.symbolCount} were asked for`);
  }
  const laneCount = reader.readVarUint('lane count');
  if (laneCount !== effectiveLaneCount(laneCount, symbolCount) || laneCount < 1) {
    corrupt(`lane count ${laneCount} is impossible for ${symbolCount} symbols`);
  }
  const escapeLength = reader.readVarUint('escape length');
  const laneStarts = new Uint32Array(laneCount + 1);
  let position = 0;
  for (let lane = 0; lane < laneCount; lane++) {
    const length = reader.readVarUint('lane length');
    const most = 4 + 2 * laneSymbolCount(symbolCount, laneCount, lane);
    if (length < 4 || length > most) corrupt(`lane ${lane} has ${length} bytes; it must have 4 to ${most}`);
    laneStarts[lane] = position;
    position += length;
  }
  const base = reader.position;
  if (base + position + escapeLength !== stream.length) {
    if (base + position + escapeLength > stream.length) {
      throw new LicoError(
        'LICO_BITSTREAM_TRUNCATED',
        `rANS stream has ${stream.length} bytes; its header announces ${base + position + escapeLength}`,
      );
    }
    corrupt(`has ${stream.length - base - position - escapeLength} bytes after its end`);
  }
  for (let lane = 0; lane < laneCount; lane++) laneStarts[lane] += base;
  laneStarts[laneCount] = base + position;
  return {
    precision,
    symbolCount,
    laneCount,
    laneStarts,
    escapeStart: base + position,
    escapeEnd: base + position + escapeLength,
  };
}

/**
 * The non-negative code of a value `v` that its table cannot code directly: with
 * `s = v - valueOffset`, `2(-s - 1)` when `s < 0` and `2(s - escapeSymbol) + 1` when
 * `s >= escapeSymbol`. Codes of int32 values stay below 2^33.
 */
export function escapeCode(value: number, valueOffset: number, escapeSymbol: number): number {
  const s = value - valueOffset;
  return s < 0 ? 2 * (-s - 1) : 2 * (s - escapeSymbol) + 1;
}

/** Inverse of {@link escapeCode}; a result outside int32 means the stream is corrupt. */
export function escapedValue(code: number, valueOffset: number, escapeSymbol: number): number {
  const s = code % 2 === 0 ? -(code / 2) - 1 : (code - 1) / 2 + escapeSymbol;
  const value = s + valueOffset;
  if (value < -0x80000000 || value > 0x7fffffff) corrupt(`escaped value ${value} is outside int32`);
  return value;
}

/** Writes an escape code as order-0 Exp-Golomb: floor(log2(code+1)) zero bits, then code+1 in binary. */
export function writeEscape(bits: BitWriter, code: number): void {
  const v = code + 1;
  const length = Math.floor(Math.log2(v)) + 1;
  // log2 may round up just below a power of two; correct the bit length exactly.
  const exact = 2 ** (length - 1) > v ? length - 1 : 2 ** length <= v ? length + 1 : length;
  for (let i = 1; i < exact; i++) bits.writeBits(0, 1);
  if (exact > 32) {
    bits.writeBits(Math.floor(v / 2 ** 32), exact - 32);
    bits.writeBits(v >>> 0, 32);
  } else {
    bits.writeBits(v, exact);
  }
}

/** Reads one escape code written by {@link writeEscape}. */
export function readEscape(bits: BitReader): number {
  let zeros = 0;
  while (bits.readBit() === 0) {
    if (++zeros > MAX_ESCAPE_PREFIX) corrupt('escape code prefix is too long');
  }
  let v = 1;
  for (let i = 0; i < zeros; i++) v = v * 2 + bits.readBit();
  return v - 1;
}

/** A reader over a stream's escape section. */
export function escapeReader(stream: Uint8Array, layout: RansStreamLayout): BitReader {
  return new BitReader(stream.subarray(layout.escapeStart, layout.escapeEnd), 'rANS escape section');
}
