import type { Codec } from '../codec.js';
import { toolVersion } from '../external-tool.js';
import { checkQuality, type ToolCodecOptions, toolRoundTrip } from './tool-codec.js';

/**
 * JPEG through libjpeg-turbo's `cjpeg`/`djpeg`: baseline, 4:2:0 chroma subsampling, Huffman
 * tables optimized per image (`-optimize`), the standard (Annex K) quantization tables scaled
 * by `-quality`, the accurate integer DCT; `djpeg` with its default (fancy) chroma upsampling.
 */
export function jpegCodec(options: ToolCodecOptions = {}): Codec {
  const check = (quality: number) => checkQuality('jpeg', quality, 1, 100);
  return {
    name: 'jpeg',
    description: 'libjpeg-turbo cjpeg -quality Q -optimize -sample 2x2,1x1,1x1 (baseline, 4:2:0); djpeg',
    qualityName: 'quality (1–100, higher is better)',
    defaultQualities: [5, 10, 15, 20, 30, 40, 50, 60, 70, 80, 90],
    checkQuality: check,
    async version() {
      await toolVersion('djpeg', ['-version'], /version (\S+)/);
      return `cjpeg ${await toolVersion('cjpeg', ['-version'], /libjpeg-turbo version (\S+)/)} (libjpeg-turbo)`;
    },
    async encode(image, quality, workDir) {
      check(quality);
      return toolRoundTrip(
        {
          codec: 'jpeg',
          input: 'ppm',
          compressed: 'out.jpg',
          output: 'ppm',
          encode: (input, out) => [
            'cjpeg',
            ['-quality', String(quality), '-optimize', '-sample', '2x2,1x1,1x1', '-outfile', out, input],
          ],
          decode: (compressed, out) => ['djpeg', ['-ppm', '-outfile', out, compressed]],
        },
        image,
        workDir,
        options.timeoutMs,
      );
    },
  };
}
