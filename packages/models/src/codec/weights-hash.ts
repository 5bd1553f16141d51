import { LicoError } from '@lico/core';

/** Bytes of the weights hash a Lico file carries: the first 16 of the SHA-256 of the weights file. */
export const WEIGHTS_HASH_BYTES = 16;

/** Lowercase hexadecimal. */
export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** The SHA-256 of `bytes` (WebCrypto: Node 20+ and browsers, in secure contexts). */
export async function sha256(bytes: Uint8Array): Promise<Uint8Array> {
  const subtle = globalThis.crypto?.subtle;
  if (!subtle) {
    throw new LicoError(
      'LICO_BACKEND_UNAVAILABLE',
      'hashing weights needs WebCrypto (crypto.subtle): Node 20 or newer, or a browser page served over https or from localhost',
    );
  }
  return new Uint8Array(await subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>));
}

/** The weights hash of a weights file, as a Lico file records it. */
export async function weightsHash(bytes: Uint8Array): Promise<Uint8Array> {
  return (await sha256(bytes)).subarray(0, WEIGHTS_HASH_BYTES);
}
