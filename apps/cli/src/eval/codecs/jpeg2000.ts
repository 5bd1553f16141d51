import type { Codec } from '../codec.js';
import { toolVersion } from '../external-tool.js';
import { checkQuality, type ToolCodecOptions, toolRoundTrip } from './tool-codec.js';

/** Wavelet levels + 1: OpenJPEG's default 6, fewer when a side is under 2^(n−1) pixels. */
const resolutions = (width: number, height: number) => Math.min(6, 1 + Math.floor(Math.log2(Math.min(width, height))));

/**
 * JPEG 2000 through OpenJPEG's `opj_compress`/`opj_decompress`: irreversible 9/7 wavelet (`-I`)
 * with the irreversible colour transform, 6 resolutions (5 decompositions; fewer for tiny images), one tile, one quality layer whose compression ratio
 * `-r` is the knob (24 / ratio ≈ bpp), a raw J2K codestream (no JP2 boxes).
 */
export function jpeg2000Codec(options: ToolCodecOptions = {}): Codec {
  const check = (quality: number) => checkQuality('j2k', quality, 1, 10_000, false);
  return {
    name: 'j2k',
    description: 'OpenJPEG opj_compress -I -r RATIO (9/7 wavelet, ICT, 1 layer, .j2k codestream); opj_decompress',
    qualityName: 'compression ratio (≥ 1, higher is smaller)',
    defaultQualities: [240, 160, 110, 80, 60, 45, 32, 24, 16, 12],
    checkQuality: check,
    async version() {
      await toolVersion('opj_decompress', ['-h'], /library v(\S+)/);
      return `opj_compress ${await toolVersion('opj_compress', ['-h'], /openjp2 library v(\S+?)\.?$/m)} (OpenJPEG)`;
    },
    async encode(image, quality, workDir) {
      check(quality);
      return toolRoundTrip(
        {
          codec: 'j2k',
          input: 'ppm',
          compressed: 'out.j2k',
          output: 'ppm',
          encode: (input, out) => [
            'opj_compress',
            ['-i', input, '-o', out, '-I', '-r', String(quality), '-n', String(resolutions(image.width, image.height))],
          ],
          decode: (compressed, out) => ['opj_decompress', ['-i', compressed, '-o', out, '-quiet']],
        },
        image,
        workDir,
        options.timeoutMs,
      );
    },
  };
}
