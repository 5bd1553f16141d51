/**
 * Hostile variants of valid Lico files for `tools/fuzz-decoder.ts`: raw damage (byte flips,
 * truncation, inserted and deleted bytes, garbage) and forgeries whose CRCs are recomputed so
 * that the checks behind them are reached (damaged streams, wrong stream lengths and counts,
 * huge sizes, another model, another weights hash, another version, a bad quantizer).
 */
import { ByteWriter, crc32, decodeContainer } from '@lico/core';

/** Every field of a Lico file as raw values, so that a forgery can hold what the writer refuses. */
export interface RawFile {
  version: number;
  flags: number;
  model: Uint8Array;
  hash: Uint8Array;
  width: number;
  height: number;
  layout: number;
  quantizer: number;
  step: number;
  /** The stream lengths the header claims (normally the streams' own). */
  lengths: number[];
  streams: Uint8Array[];
}

/** The fields of a valid file. */
export function rawFile(bytes: Uint8Array): RawFile {
  const { header, streams } = decodeContainer(bytes);
  return {
    version: 1,
    flags: 0,
    model: new TextEncoder().encode(header.model),
    hash: header.weightsHash,
    width: header.width,
    height: header.height,
    layout: ['rgb', 'gray'].indexOf(header.layout),
    quantizer: ['uniform', 'deadzone', 'tcq4', 'tcq8'].indexOf(header.quantizer),
    step: header.fixedStep,
    lengths: streams.map((s) => s.length),
    streams,
  };
}

/** Writes the fields as docs/format.md lays them out, both CRCs computed over what is written. */
export function writeRawFile(file: RawFile): Uint8Array {
  const head = new ByteWriter();
  head.writeBytes(Uint8Array.of(0x4c, 0x49, 0x43, 0x4f));
  head.writeU8(file.version);
  head.writeU8(file.flags);
  head.writeU8(file.model.length);
  head.writeBytes(file.model);
  head.writeBytes(file.hash);
  head.writeVarUint(file.width);
  head.writeVarUint(file.height);
  head.writeU8(file.layout);
  head.writeU8(file.quantizer);
  head.writeVarUint(file.step);
  head.writeVarUint(file.lengths.length);
  for (const length of file.lengths) head.writeVarUint(length);
  const headBytes = head.finish();
  const payload = new ByteWriter();
  for (const stream of file.streams) payload.writeBytes(stream);
  const payloadBytes = payload.finish();
  const out = new ByteWriter(headBytes.length + 8 + payloadBytes.length);
  out.writeBytes(headBytes);
  out.writeU32(crc32(headBytes));
  out.writeU32(crc32(payloadBytes));
  out.writeBytes(payloadBytes);
  return out.finish();
}

type Random = () => number;
const int = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[int(random, items.length)];
const bytesOf = (random: Random, length: number) => Uint8Array.from({ length }, () => int(random, 256));
/** Mostly small, sometimes large: how a forger picks a number. */
const anyNumber = (random: Random) =>
  pick(random, [0, 1, 2, 255, 256, 65_535, 65_536, 2 ** 20, 2 ** 28, 2 ** 31, 2 ** 40, int(random, 100)]);

function flipBytes(random: Random, bytes: Uint8Array, count: number): Uint8Array {
  const out = bytes.slice();
  if (out.length === 0) return out;
  for (let i = 0; i < count; i++) out[int(random, out.length)] ^= 1 + int(random, 255);
  return out;
}

function withStreams(file: RawFile, streams: Uint8Array[]): RawFile {
  return { ...file, streams, lengths: streams.map((s) => s.length) };
}

/** How a case is made from a valid file (its bytes and its fields); {@link MUTATION_INFO} says what each does. */
export const MUTATIONS = {
  flip: (random, bytes) => flipBytes(random, bytes, 1 + int(random, 4)),
  truncate: (random, bytes) => bytes.subarray(0, int(random, bytes.length)),
  insert: (random, bytes) => {
    const at = int(random, bytes.length + 1);
    return Uint8Array.of(...bytes.subarray(0, at), ...bytesOf(random, 1 + int(random, 8)), ...bytes.subarray(at));
  },
  delete: (random, bytes) => {
    const at = int(random, bytes.length);
    return Uint8Array.of(...bytes.subarray(0, at), ...bytes.subarray(at + 1 + int(random, 8)));
  },
  garbage: (random) => {
    const body = bytesOf(random, int(random, 200));
    return random() < 0.5 ? body : Uint8Array.of(0x4c, 0x49, 0x43, 0x4f, ...body);
  },
  'header-flip': (random, _bytes, file) => {
    const valid = writeRawFile(file);
    const headEnd = valid.length - 8 - file.streams.reduce((n, s) => n + s.length, 0);
    const flipped = valid.slice();
    flipped[4 + int(random, headEnd - 4)] ^= 1 + int(random, 255);
    const view = new DataView(flipped.buffer);
    view.setUint32(headEnd, crc32(flipped.subarray(0, headEnd)), true);
    return flipped;
  },
  'stream-flip': (random, _bytes, file) => {
    const streams: Uint8Array[] = file.streams.map((s) => s.slice());
    const which = int(random, streams.length);
    streams[which] = flipBytes(random, streams[which], 1 + int(random, 4));
    return writeRawFile({ ...file, streams });
  },
  'stream-resize': (random, _bytes, file) => {
    const streams = file.streams.slice();
    const which = int(random, streams.length);
    const stream = streams[which];
    streams[which] =
      random() < 0.5
        ? stream.subarray(0, int(random, stream.length + 1))
        : Uint8Array.of(...stream, ...bytesOf(random, 1 + int(random, 16)));
    return writeRawFile(withStreams(file, streams));
  },
  'stream-splice': (random, _bytes, file) => {
    const streams = file.streams.slice();
    const [a, b] = [int(random, streams.length), int(random, streams.length)];
    const choice = int(random, 3);
    if (choice === 0) [streams[a], streams[b]] = [streams[b], streams[a]];
    else if (choice === 1) streams[a] = streams[b];
    else streams[a] = bytesOf(random, int(random, 64));
    return writeRawFile(withStreams(file, streams));
  },
  'forge-size': (random, _bytes, file) =>
    writeRawFile({
      ...file,
      width: random() < 0.5 ? file.width : Math.max(anyNumber(random), int(random, 2)),
      height: random() < 0.5 ? Math.max(anyNumber(random), int(random, 2)) : file.height + int(random, 40),
    }),
  'forge-lengths': (random, _bytes, file) => {
    const lengths = file.lengths.slice();
    const which = int(random, lengths.length);
    lengths[which] = random() < 0.5 ? anyNumber(random) : Math.max(0, lengths[which] + int(random, 9) - 4);
    return writeRawFile({ ...file, lengths });
  },
  'forge-count': (random, _bytes, file) => {
    const streams = file.streams.slice();
    if (random() < 0.5 && streams.length > 0) streams.splice(int(random, streams.length), 1);
    else
      for (let i = 1 + int(random, random() < 0.1 ? 80 : 3); i > 0; i--) streams.push(bytesOf(random, int(random, 8)));
    return writeRawFile(withStreams(file, streams));
  },
  'forge-model': (random, _bytes, file) => {
    const ids = [
      'bmshj2018-factorized',
      'mbt2018-mean',
      'cheng2020-attn',
      'lico-checkerboard-gmm',
      'jpeg',
      'Bad Id',
      '',
    ];
    const model = random() < 0.8 ? new TextEncoder().encode(pick(random, ids)) : bytesOf(random, int(random, 70));
    return writeRawFile({ ...file, model });
  },
  'forge-hash': (random, _bytes, file) => writeRawFile({ ...file, hash: flipBytes(random, file.hash, 1) }),
  'forge-version': (random, _bytes, file) =>
    writeRawFile(
      random() < 0.7 ? { ...file, version: pick(random, [0, 2, 255]) } : { ...file, flags: 1 + int(random, 255) },
    ),
  'forge-quantizer': (random, _bytes, file) =>
    writeRawFile(
      random() < 0.5
        ? { ...file, quantizer: pick(random, [0, 1, 2, 3, 4, 255]) }
        : { ...file, step: anyNumber(random) },
    ),
  'forge-layout': (random, _bytes, file) => writeRawFile({ ...file, layout: pick(random, [0, 1, 2, 255]) }),
} satisfies Record<string, (random: Random, bytes: Uint8Array, file: RawFile) => Uint8Array>;

export type MutationKind = keyof typeof MUTATIONS;

/** Each kind: how often it is drawn (relative: most effort where the decoder's deeper checks are), and what it does. */
export const MUTATION_INFO: Readonly<Record<MutationKind, { weight: number; description: string }>> = {
  flip: { weight: 14, description: '1–4 bytes anywhere XOR a random value (CRCs as they fall)' },
  truncate: { weight: 7, description: 'the file cut at a random length' },
  insert: { weight: 5, description: '1–8 random bytes inserted anywhere' },
  delete: { weight: 5, description: '1–8 bytes deleted anywhere' },
  garbage: { weight: 2, description: 'random bytes, half of them behind the magic' },
  'header-flip': { weight: 8, description: 'one header byte flipped, header CRC recomputed' },
  'stream-flip': { weight: 22, description: '1–4 bytes of one stream flipped, CRCs recomputed' },
  'stream-resize': { weight: 8, description: 'one stream cut or grown, lengths and CRCs consistent' },
  'stream-splice': {
    weight: 4,
    description: 'streams swapped, duplicated or replaced by random bytes, CRCs recomputed',
  },
  'forge-size': { weight: 6, description: 'width/height from 1 to 2^40, CRCs recomputed' },
  'forge-lengths': { weight: 4, description: 'stream lengths that do not add up to the payload, CRCs recomputed' },
  'forge-count': { weight: 3, description: 'streams added (up to 80) or dropped, CRCs recomputed' },
  'forge-model': { weight: 3, description: 'another, an unknown or an invalid model id, CRCs recomputed' },
  'forge-hash': { weight: 3, description: 'another weights hash, CRCs recomputed' },
  'forge-version': { weight: 2, description: 'version 0, 2 or 255, or reserved flags set, CRCs recomputed' },
  'forge-quantizer': { weight: 3, description: 'quantizer kind 0–4 or 255, or a step of 0 to 2^40, CRCs recomputed' },
  'forge-layout': { weight: 1, description: 'channel layout 0, 1, 2 or 255, CRCs recomputed' },
};

/** Draws a kind by the weights of {@link MUTATION_INFO}. */
export function drawMutation(random: Random): MutationKind {
  const kinds = Object.keys(MUTATION_INFO) as MutationKind[];
  let left = random() * kinds.reduce((n, kind) => n + MUTATION_INFO[kind].weight, 0);
  for (const kind of kinds) {
    left -= MUTATION_INFO[kind].weight;
    if (left < 0) return kind;
  }
  return kinds[kinds.length - 1];
}
