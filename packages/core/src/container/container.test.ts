import { describe, expect, test } from 'vitest';
import { isLicoError } from '../errors.js';
import { seededRandom } from '../random.js';
import { type ContainerHeader, decodeContainer, encodeContainer } from './container.js';
import { crc32 } from './crc32.js';

const header: ContainerHeader = {
  model: 'lico-checkerboard-gmm',
  weightsHash: Uint8Array.from({ length: 16 }, (_, i) => i * 7),
  width: 768,
  height: 512,
  layout: 'rgb',
  quantizer: 'tcq8',
  fixedStep: 256,
};
const streams = [Uint8Array.of(1, 2, 3), new Uint8Array(0), Uint8Array.from({ length: 300 }, (_, i) => i & 0xff)];

describe('Lico container', () => {
  test('CRC-32 is zlib’s', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
  });

  test('round trip', () => {
    const decoded = decodeContainer(encodeContainer(header, streams));
    expect(decoded.header).toEqual(header);
    expect(decoded.streams).toEqual(streams);
  });

  test('every truncation and every single-byte flip is a typed error, never a crash', () => {
    const bytes = encodeContainer(header, streams);
    for (let n = 0; n < bytes.length; n++) {
      expect(() => decodeContainer(bytes.subarray(0, n)), `first ${n} bytes`).toThrow(
        expect.objectContaining({ name: 'LicoError' }),
      );
    }
    const random = seededRandom(5);
    for (let i = 0; i < 2000; i++) {
      const damaged = bytes.slice();
      damaged[Math.floor(random() * bytes.length)] ^= 1 + Math.floor(random() * 255);
      let error: unknown;
      try {
        decodeContainer(damaged);
      } catch (e) {
        error = e;
      }
      expect(isLicoError(error), `case ${i}`).toBe(true);
    }
  });

  test('forged headers: sizes over the limits, wrong version, trailing bytes', () => {
    const big = encodeContainer({ ...header, width: 60_000, height: 60_000 }, streams, { maxPixels: 2 ** 32 });
    expect(() => decodeContainer(big)).toThrow(expect.objectContaining({ code: 'LICO_LIMIT_EXCEEDED' }));
    expect(() => decodeContainer(encodeContainer(header, streams), { maxPixels: 1000 })).toThrow(
      expect.objectContaining({ code: 'LICO_LIMIT_EXCEEDED' }),
    );
    const versioned = encodeContainer(header, streams);
    versioned[4] = 9;
    expect(() => decodeContainer(versioned)).toThrow(expect.objectContaining({ code: 'LICO_UNSUPPORTED_VERSION' }));
    const longer = Uint8Array.of(...encodeContainer(header, streams), 0);
    expect(() => decodeContainer(longer)).toThrow(expect.objectContaining({ code: 'LICO_BITSTREAM_CORRUPT' }));
    expect(() => decodeContainer(new TextEncoder().encode('PNG\r\n'))).toThrow(/not a Lico file/);
  });

  test('the writer refuses what the reader would refuse', () => {
    expect(() => encodeContainer({ ...header, model: 'Bad Name' }, streams)).toThrow(/model id/);
    expect(() => encodeContainer({ ...header, width: 0 }, streams)).toThrow(
      expect.objectContaining({ code: 'LICO_LIMIT_EXCEEDED' }),
    );
  });
});
