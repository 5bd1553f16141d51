import { LicoError } from '@lico/core';
import { elementCount } from './weight-tensor.js';

/** A float32 array with its shape, as NumPy's `.npy` files hold them (C order). */
export interface NpyArray {
  readonly shape: readonly number[];
  readonly data: Float32Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const invalid = (message: string) => new LicoError('LICO_WEIGHTS_INVALID', `.npy: ${message}`);

/** Writes a float32 array as a version-1.0 `.npy` file (little-endian, C order). */
export function writeNpy(array: NpyArray): Uint8Array {
  if (elementCount(array.shape) !== array.data.length) {
    throw new LicoError('LICO_INVALID_ARGUMENT', `${array.data.length} values do not fill shape [${array.shape}]`);
  }
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '<f4', 'fortran_order': False, 'shape': ${shape}, }`;
  // Magic, version and length take 10 bytes; the header ends in a newline at a multiple of 64.
  header = `${header.padEnd(Math.ceil((10 + header.length + 1) / 64) * 64 - 10 - 1, ' ')}\n`;
  const out = new Uint8Array(10 + header.length + array.data.length * 4);
  out.set(MAGIC);
  out.set([1, 0, header.length & 0xff, header.length >> 8], 6);
  out.set(new TextEncoder().encode(header), 10);
  const view = new DataView(out.buffer);
  for (let i = 0; i < array.data.length; i++) view.setFloat32(10 + header.length + 4 * i, array.data[i], true);
  return out;
}

/** Reads a little-endian float32, C-order `.npy` file (versions 1 to 3). */
export function readNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw invalid('not a .npy file (bad magic)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const major = bytes[6];
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const start = (major === 1 ? 10 : 12) + headerLength;
  if (start > bytes.length) throw invalid('truncated header');
  const header = new TextDecoder().decode(bytes.subarray(major === 1 ? 10 : 12, start));
  const descr = /'descr':\s*'([^']+)'/.exec(header)?.[1];
  const fortran = /'fortran_order':\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape':\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr !== '<f4' || fortran !== 'False' || shapeText === undefined) {
    throw invalid(`Lico reads little-endian float32 in C order; the header says ${header.trim()}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .map(Number);
  const count = elementCount(shape);
  if (start + 4 * count !== bytes.length)
    throw invalid(`expected ${count} values, found ${(bytes.length - start) / 4}`);
  const data = Float32Array.from({ length: count }, (_, i) => view.getFloat32(start + 4 * i, true));
  return { shape, data };
}
