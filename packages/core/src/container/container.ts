import { invalidArgument, LicoError } from '../errors.js';
import { ByteReader } from '../io/byte-reader.js';
import { ByteWriter } from '../io/byte-writer.js';
import { crc32 } from './crc32.js';

/** The four bytes every Lico file starts with. */
export const LICO_MAGIC = Uint8Array.of(0x4c, 0x49, 0x43, 0x4f); // "LICO"
/** The container format version this build writes and reads. */
export const LICO_FORMAT_VERSION = 1;

/** Quantizers a file can name; the decoder needs the kind and the step. */
export const CONTAINER_QUANTIZERS = ['uniform', 'deadzone', 'tcq4', 'tcq8'] as const;
export type ContainerQuantizer = (typeof CONTAINER_QUANTIZERS)[number];

/** The image a file holds. */
export type ChannelLayout = 'rgb' | 'gray';

/** Everything in a Lico file besides the coded streams (`docs/format.md`). */
export interface ContainerHeader {
  /** The architecture (`lico-checkerboard-gmm`, `bmshj2018-hyperprior`, …). */
  readonly model: string;
  /** The first 16 bytes of the SHA-256 of the weights file: decoding needs these very weights. */
  readonly weightsHash: Uint8Array;
  readonly width: number;
  readonly height: number;
  readonly layout: ChannelLayout;
  readonly quantizer: ContainerQuantizer;
  /** Quantizer step Δ in the latent fixed point (`round(Δ · 2^8)`). */
  readonly fixedStep: number;
}

/** What a decoder accepts before it allocates anything. */
export interface ContainerLimits {
  /** Largest width or height: 65 535. */
  readonly maxDimension?: number;
  /** Largest width × height: 2^28 (256 megapixels). */
  readonly maxPixels?: number;
  /** Most coded streams: 64. */
  readonly maxStreams?: number;
}

const MODEL_ID = /^[a-z0-9][a-z0-9.-]{0,63}$/;
const HASH_BYTES = 16;
const LAYOUTS: readonly ChannelLayout[] = ['rgb', 'gray'];
const corrupt = (message: string) => new LicoError('LICO_BITSTREAM_CORRUPT', `Lico file: ${message}`);

function checkHeader(header: ContainerHeader, limits: Required<ContainerLimits>): void {
  const { model, weightsHash, width, height, layout, quantizer, fixedStep } = header;
  if (!MODEL_ID.test(model)) invalidArgument('model', 'a model id of lowercase letters, digits, . and - (≤ 64)', model);
  if (!(weightsHash instanceof Uint8Array) || weightsHash.length !== HASH_BYTES) {
    invalidArgument('weightsHash', `${HASH_BYTES} bytes`, weightsHash);
  }
  for (const [name, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 1 || value > limits.maxDimension) {
      throw new LicoError('LICO_LIMIT_EXCEEDED', `${name} ${value} is outside 1…${limits.maxDimension}`);
    }
  }
  if (width * height > limits.maxPixels) {
    throw new LicoError('LICO_LIMIT_EXCEEDED', `${width}×${height} is over the limit of ${limits.maxPixels} pixels`);
  }
  if (!LAYOUTS.includes(layout)) invalidArgument('layout', `one of ${LAYOUTS.join(', ')}`, layout);
  if (!CONTAINER_QUANTIZERS.includes(quantizer))
    invalidArgument('quantizer', CONTAINER_QUANTIZERS.join(', '), quantizer);
  if (!Number.isInteger(fixedStep) || fixedStep < 1 || fixedStep > 2 ** 20) {
    invalidArgument('fixedStep', 'an integer in [1, 2^20]', fixedStep);
  }
}

function withDefaults(limits: ContainerLimits): Required<ContainerLimits> {
  return {
    maxDimension: limits.maxDimension ?? 65_535,
    maxPixels: limits.maxPixels ?? 2 ** 28,
    maxStreams: limits.maxStreams ?? 64,
  };
}

/**
 * Writes a Lico file: magic, version, the header, the stream lengths, a CRC-32 of all of that,
 * a CRC-32 of the payload, then the streams (`docs/format.md`).
 */
export function encodeContainer(
  header: ContainerHeader,
  streams: readonly Uint8Array[],
  /** The limits the file must meet: the decoder's defaults unless a reader is known to accept more. */
  limitsOption: ContainerLimits = {},
): Uint8Array {
  const limits = withDefaults(limitsOption);
  checkHeader(header, limits);
  if (streams.length > limits.maxStreams) invalidArgument('streams', `at most ${limits.maxStreams}`, streams.length);
  const head = new ByteWriter();
  head.writeBytes(LICO_MAGIC);
  head.writeU8(LICO_FORMAT_VERSION);
  head.writeU8(0); // flags, reserved
  const model = new TextEncoder().encode(header.model);
  head.writeU8(model.length);
  head.writeBytes(model);
  head.writeBytes(header.weightsHash);
  head.writeVarUint(header.width);
  head.writeVarUint(header.height);
  head.writeU8(LAYOUTS.indexOf(header.layout));
  head.writeU8(CONTAINER_QUANTIZERS.indexOf(header.quantizer));
  head.writeVarUint(header.fixedStep);
  head.writeVarUint(streams.length);
  for (const stream of streams) head.writeVarUint(stream.length);
  const headBytes = head.finish();
  const payload = new ByteWriter();
  for (const stream of streams) payload.writeBytes(stream);
  const payloadBytes = payload.finish();
  const out = new ByteWriter(headBytes.length + 8 + payloadBytes.length);
  out.writeBytes(headBytes);
  out.writeU32(crc32(headBytes));
  out.writeU32(crc32(payloadBytes));
  out.writeBytes(payloadBytes);
  return out.finish();
}

/**
 * Reads and checks a Lico file before anything is allocated for it: the magic, the version,
 * every field against `limits`, the header's CRC, that the stream lengths add up to the
 * payload exactly, and the payload's CRC. Each failure is a typed error (`LICO_BITSTREAM_CORRUPT`,
 * `LICO_BITSTREAM_TRUNCATED`, `LICO_UNSUPPORTED_VERSION`, `LICO_LIMIT_EXCEEDED`) that says what.
 */
export function decodeContainer(
  bytes: Uint8Array,
  limits: ContainerLimits = {},
): { header: ContainerHeader; streams: Uint8Array[] } {
  if (!(bytes instanceof Uint8Array)) invalidArgument('bytes', 'a Uint8Array', bytes);
  const all = withDefaults(limits);
  const reader = new ByteReader(bytes, 'Lico file');
  const magic = reader.readBytes(Math.min(4, bytes.length), 'magic');
  if (magic.length < 4 || LICO_MAGIC.some((b, i) => magic[i] !== b)) throw corrupt('not a Lico file (wrong magic)');
  const version = reader.readU8('version');
  if (version !== LICO_FORMAT_VERSION) {
    throw new LicoError(
      'LICO_UNSUPPORTED_VERSION',
      `Lico file format version ${version}; this build reads version ${LICO_FORMAT_VERSION}`,
    );
  }
  if (reader.readU8('flags') !== 0) throw corrupt('unknown flags');
  const modelLength = reader.readU8('model id length');
  let model: string;
  try {
    model = new TextDecoder('utf-8', { fatal: true }).decode(reader.readBytes(modelLength, 'model id'));
  } catch (error) {
    if (error instanceof LicoError) throw error;
    throw corrupt('the model id is not UTF-8');
  }
  if (!MODEL_ID.test(model)) throw corrupt(`invalid model id '${model}'`);
  const weightsHash = reader.readBytes(HASH_BYTES, 'weights hash').slice();
  const width = reader.readVarUint('width');
  const height = reader.readVarUint('height');
  const layout = LAYOUTS[reader.readU8('channel layout')];
  const quantizer = CONTAINER_QUANTIZERS[reader.readU8('quantizer')];
  if (!layout) throw corrupt('unknown channel layout');
  if (!quantizer) throw corrupt('unknown quantizer');
  const fixedStep = reader.readVarUint('quantizer step');
  const header: ContainerHeader = { model, weightsHash, width, height, layout, quantizer, fixedStep };
  try {
    checkHeader(header, all);
  } catch (error) {
    if (error instanceof LicoError && error.code === 'LICO_INVALID_ARGUMENT') throw corrupt(error.message);
    throw error;
  }
  const count = reader.readVarUint('stream count');
  if (count > all.maxStreams) throw new LicoError('LICO_LIMIT_EXCEEDED', `${count} streams; at most ${all.maxStreams}`);
  const lengths: number[] = [];
  let total = 0;
  for (let i = 0; i < count; i++) {
    const length = reader.readVarUint('stream length');
    total += length;
    if (total > bytes.length) throw new LicoError('LICO_BITSTREAM_TRUNCATED', `stream ${i} ends past the file's end`);
    lengths.push(length);
  }
  const headEnd = reader.position;
  const headCrc = reader.readU32('header checksum');
  if (headCrc !== crc32(bytes.subarray(0, headEnd))) throw corrupt('header checksum mismatch');
  const payloadCrc = reader.readU32('payload checksum');
  if (reader.remaining < total) {
    throw new LicoError('LICO_BITSTREAM_TRUNCATED', `the payload has ${reader.remaining} of ${total} bytes`);
  }
  if (reader.remaining > total) throw corrupt(`${reader.remaining - total} bytes after the last stream`);
  const payload = bytes.subarray(reader.position);
  if (payloadCrc !== crc32(payload)) throw corrupt('payload checksum mismatch');
  const streams = lengths.map((length, i) => reader.readBytes(length, `stream ${i}`).slice());
  return { header, streams };
}
