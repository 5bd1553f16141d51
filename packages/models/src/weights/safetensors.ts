import { LicoError } from '@lico/core';
import { floatToHalf, halfToFloat } from './float16.js';
import { elementCount, type WeightMap, type WeightTensor } from './weight-tensor.js';

/**
 * Element types Lico reads and writes: F16 is read into and written from float32 arrays, I16
 * into and from int32 arrays (integer tensors whose values fit are written as I16: half the size).
 */
export type SafetensorsDtype = 'F32' | 'F16' | 'I32' | 'I16';

const BYTES: Record<SafetensorsDtype, number> = { F32: 4, F16: 2, I32: 4, I16: 2 };

const fitsInt16 = (data: Int32Array) => data.every((v) => v >= -32768 && v <= 32767);
/** A header beyond this is not a weights file of ours (CompressAI models have a few hundred tensors). */
const MAX_HEADER_BYTES = 16 << 20;

const invalid = (message: string) => new LicoError('LICO_WEIGHTS_INVALID', `safetensors: ${message}`);

/** The string metadata of a safetensors file (`__metadata__`) and its tensors. */
export interface SafetensorsContents {
  readonly metadata: Record<string, string>;
  readonly tensors: WeightMap;
}

interface HeaderEntry {
  dtype: string;
  shape: number[];
  data_offsets: [number, number];
}

/**
 * Reads a safetensors file (8-byte little-endian header length, JSON header, raw
 * little-endian data). Every offset, shape and type is checked against the file before a
 * tensor is copied out; anything wrong is `LICO_WEIGHTS_INVALID` naming the tensor.
 */
export function readSafetensors(bytes: Uint8Array): SafetensorsContents {
  if (bytes.length < 8) throw invalid(`${bytes.length} bytes is too short for a header`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLength = Number(view.getBigUint64(0, true));
  if (headerLength > Math.min(MAX_HEADER_BYTES, bytes.length - 8)) {
    throw invalid(`header length ${headerLength} does not fit the file (${bytes.length} bytes)`);
  }
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + headerLength)));
  } catch (error) {
    throw invalid(`the header is not JSON (${(error as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw invalid('the header is not an object');
  const dataStart = 8 + headerLength;
  const dataLength = bytes.length - dataStart;
  const metadata: Record<string, string> = {};
  const tensors: WeightMap = new Map();
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      for (const [key, text] of Object.entries((value ?? {}) as Record<string, unknown>)) {
        if (typeof text !== 'string') throw invalid(`metadata '${key}' is not a string`);
        metadata[key] = text;
      }
      continue;
    }
    tensors.set(name, readEntry(name, value as HeaderEntry, bytes, dataStart, dataLength));
  }
  return { metadata, tensors };
}

function readEntry(
  name: string,
  entry: HeaderEntry,
  bytes: Uint8Array,
  dataStart: number,
  dataLength: number,
): WeightTensor {
  const { dtype, shape, data_offsets: offsets } = entry ?? ({} as HeaderEntry);
  if (!(dtype in BYTES)) throw invalid(`tensor '${name}' has dtype ${String(dtype)}; Lico reads F32, F16, I32 and I16`);
  if (!Array.isArray(shape) || shape.some((d) => !Number.isSafeInteger(d) || d < 0)) {
    throw invalid(`tensor '${name}' has an invalid shape ${JSON.stringify(shape)}`);
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(Number.isSafeInteger)) {
    throw invalid(`tensor '${name}' has invalid data_offsets ${JSON.stringify(offsets)}`);
  }
  const [begin, end] = offsets;
  const size = BYTES[dtype as SafetensorsDtype];
  const count = elementCount(shape);
  if (begin < 0 || end > dataLength || end - begin !== count * size) {
    throw invalid(
      `tensor '${name}' (${dtype} ${JSON.stringify(shape)}) does not fit bytes ${begin}…${end} of ${dataLength}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataStart + begin, end - begin);
  if (dtype === 'I32' || dtype === 'I16') {
    const data = new Int32Array(count);
    for (let i = 0; i < count; i++) data[i] = dtype === 'I32' ? view.getInt32(4 * i, true) : view.getInt16(2 * i, true);
    return { shape, data };
  }
  const data = new Float32Array(count);
  if (dtype === 'F16') for (let i = 0; i < count; i++) data[i] = halfToFloat(view.getUint16(2 * i, true));
  else for (let i = 0; i < count; i++) data[i] = view.getFloat32(4 * i, true);
  return { shape, data };
}

/**
 * Writes tensors and string metadata as a safetensors file. Float tensors are stored as
 * `floatDtype` (F32 by default; F16 halves the file), integer tensors as I16 when every value
 * fits, otherwise I32. The header is
 * padded to a multiple of 8 bytes, as the reference implementation does.
 */
export function writeSafetensors(
  tensors: WeightMap,
  metadata: Record<string, string> = {},
  options: { floatDtype?: 'F32' | 'F16' } = {},
): Uint8Array {
  const floatDtype = options.floatDtype ?? 'F32';
  const header: Record<string, unknown> = { __metadata__: metadata };
  let offset = 0;
  const layout: [WeightTensor, SafetensorsDtype, number][] = [];
  for (const [name, tensor] of tensors) {
    if (elementCount(tensor.shape) !== tensor.data.length) {
      throw new LicoError(
        'LICO_INVALID_ARGUMENT',
        `tensor '${name}' has ${tensor.data.length} values for shape [${tensor.shape}]`,
      );
    }
    const { data } = tensor;
    const dtype: SafetensorsDtype = data instanceof Int32Array ? (fitsInt16(data) ? 'I16' : 'I32') : floatDtype;
    const length = tensor.data.length * BYTES[dtype];
    header[name] = { dtype, shape: tensor.shape, data_offsets: [offset, offset + length] };
    layout.push([tensor, dtype, offset]);
    offset += length;
  }
  const text = JSON.stringify(header);
  const padding = (8 - (new TextEncoder().encode(text).length % 8)) % 8;
  const json = new TextEncoder().encode(text + ' '.repeat(padding));
  const out = new Uint8Array(8 + json.length + offset);
  const view = new DataView(out.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  out.set(json, 8);
  const start = 8 + json.length;
  for (const [tensor, dtype, at] of layout) {
    const { data } = tensor;
    for (let i = 0; i < data.length; i++) {
      const position = start + at + i * BYTES[dtype];
      if (dtype === 'I32') view.setInt32(position, data[i], true);
      else if (dtype === 'I16') view.setInt16(position, data[i], true);
      else if (dtype === 'F16') view.setUint16(position, floatToHalf(data[i]), true);
      else view.setFloat32(position, data[i], true);
    }
  }
  return out;
}
