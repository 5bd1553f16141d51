import { invalidArgument } from '@lico/core';
import type { Codec } from './codec.js';
import { avifCodec } from './codecs/avif.js';
import { jpegCodec } from './codecs/jpeg.js';
import { jpeg2000Codec } from './codecs/jpeg2000.js';
import { jxlCodec } from './codecs/jxl.js';
import { licoEvalCodec } from './codecs/lico.js';
import type { ToolCodecOptions } from './codecs/tool-codec.js';
import { webpCodec } from './codecs/webp.js';
import { x265Codec } from './codecs/x265.js';

/** Makes a codec for `lico eval`; options every codec understands (more may follow). */
export type CodecFactory = (options: ToolCodecOptions) => Codec | Promise<Codec>;

const factories = new Map<string, CodecFactory>([
  ['jpeg', (o) => jpegCodec(o)],
  ['webp', (o) => webpCodec(o)],
  ['avif', (o) => avifCodec(o)],
  ['avif-420', (o) => avifCodec({ ...o, chroma: '420' })],
  ['jxl', (o) => jxlCodec(o)],
  ['x265', (o) => x265Codec(o)],
  ['x265-420', (o) => x265Codec({ ...o, chroma: '420' })],
  ['j2k', (o) => jpeg2000Codec(o)],
  // Lico's trained models, as shipped in @lico/models' weights registry.
  ['lico', () => licoEvalCodec({ name: 'lico', model: 'lico-checkerboard-gmm' })],
  ['lico-refined', () => licoEvalCodec({ name: 'lico-refined', model: 'lico-checkerboard-gmm', refine: 10 })],
  ['bmshj2018-hyperprior', () => licoEvalCodec({ name: 'bmshj2018-hyperprior', model: 'bmshj2018-hyperprior' })],
]);

/** Adds a codec to `lico eval --codecs` (another model, another weights registry, another tool). */
export function registerEvalCodec(name: string, factory: CodecFactory): void {
  if (factories.has(name)) invalidArgument('name', 'a codec name not registered yet', name);
  factories.set(name, factory);
}

/** The names `--codecs` accepts, in registration order. */
export function evalCodecNames(): string[] {
  return [...factories.keys()];
}

/** A codec by name; throws `LICO_INVALID_ARGUMENT` listing the known names. */
export async function createEvalCodec(name: string, options: ToolCodecOptions = {}): Promise<Codec> {
  const factory = factories.get(name);
  if (!factory) invalidArgument('codec', `one of ${evalCodecNames().join(', ')}`, name);
  return factory(options);
}
