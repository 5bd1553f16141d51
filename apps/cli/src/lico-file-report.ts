import { decodeContainer } from '@lico/core';
import { ARCHITECTURES, type ArchitectureName, streamNames } from '@lico/models';
import { bitsPerPixel } from './eval/metrics.js';

/**
 * What a Lico file holds, for reports: its header fields, each stream's name and size, and
 * bpp from the file's size. Checks the file as a decoder does (`decodeContainer`).
 */
export function licoFileReport(bytes: Uint8Array) {
  const { header, streams } = decodeContainer(bytes);
  const known = (ARCHITECTURES as readonly string[]).includes(header.model);
  const names = known ? streamNames(header.model as ArchitectureName) : [];
  return {
    model: header.model,
    weightsHash: Buffer.from(header.weightsHash).toString('hex'),
    width: header.width,
    height: header.height,
    layout: header.layout,
    quantizer: header.quantizer,
    step: header.fixedStep / 2 ** 8,
    streams: streams.map((stream, i) => ({
      name: names.length === streams.length ? names[i] : `stream ${i}`,
      bytes: stream.length,
    })),
    bytes: bytes.length,
    bpp: bitsPerPixel(bytes.length, header.width, header.height),
  };
}
