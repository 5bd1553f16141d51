import type { Codec } from '../codec.js';
import { toolVersion } from '../external-tool.js';
import { checkQuality, type ToolCodecOptions, toolRoundTrip } from './tool-codec.js';

/**
 * JPEG XL through libjxl's `cjxl`/`djxl`: lossy VarDCT in XYB, the Butteraugli distance `-d` as
 * the knob, effort 7 (the default), one thread; `djxl` back to 8-bit sRGB.
 */
export function jxlCodec(options: ToolCodecOptions = {}): Codec {
  const check = (quality: number) => checkQuality('jxl', quality, 0.1, 25, false);
  return {
    name: 'jxl',
    description: 'libjxl cjxl -d D -e 7 (VarDCT, XYB, 1 thread); djxl --bits_per_sample=8',
    qualityName: 'distance (0.1–25, lower is better)',
    defaultQualities: [20, 15, 11, 8, 6, 4.5, 3.5, 2.5, 1.8, 1.3, 0.9, 0.6],
    checkQuality: check,
    async version() {
      await toolVersion('djxl', ['--version'], /v(\S+)/);
      return `cjxl ${await toolVersion('cjxl', ['--version'], /cjxl v(\S+)/)} (libjxl)`;
    },
    async encode(image, quality, workDir) {
      check(quality);
      return toolRoundTrip(
        {
          codec: 'jxl',
          input: 'ppm',
          compressed: 'out.jxl',
          output: 'ppm',
          encode: (input, out) => [
            'cjxl',
            [input, out, '-d', String(quality), '-e', '7', '--num_threads=1', '--quiet'],
          ],
          decode: (compressed, out) => ['djxl', [compressed, out, '--num_threads=1', '--bits_per_sample=8', '--quiet']],
        },
        image,
        workDir,
        options.timeoutMs,
      );
    },
  };
}
