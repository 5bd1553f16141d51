import type { Codec } from '../codec.js';
import { toolVersion } from '../external-tool.js';
import { checkQuality, type ToolCodecOptions, toolRoundTrip } from './tool-codec.js';

/**
 * WebP (lossy, VP8 intra, always 4:2:0) through libwebp's `cwebp`/`dwebp`: `-q` sets the
 * quality, `-m 6` the slowest, best method; no metadata. `dwebp` with its default (fancy)
 * upsampling.
 */
export function webpCodec(options: ToolCodecOptions = {}): Codec {
  const check = (quality: number) => checkQuality('webp', quality, 0, 100, false);
  return {
    name: 'webp',
    description: 'libwebp cwebp -q Q -m 6 (lossy, 4:2:0, single-threaded); dwebp',
    qualityName: 'quality (0–100, higher is better)',
    defaultQualities: [0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95],
    checkQuality: check,
    async version() {
      await toolVersion('dwebp', ['-version'], /^(\S+)/);
      return `cwebp ${await toolVersion('cwebp', ['-version'], /^(\S+)/)} (libwebp)`;
    },
    async encode(image, quality, workDir) {
      check(quality);
      return toolRoundTrip(
        {
          codec: 'webp',
          input: 'ppm',
          compressed: 'out.webp',
          output: 'ppm',
          encode: (input, out) => [
            'cwebp',
            ['-quiet', '-q', String(quality), '-m', '6', '-metadata', 'none', input, '-o', out],
          ],
          decode: (compressed, out) => ['dwebp', ['-quiet', compressed, '-ppm', '-o', out]],
        },
        image,
        workDir,
        options.timeoutMs,
      );
    },
  };
}
