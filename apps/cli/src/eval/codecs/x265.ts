import { LicoError } from '@lico/core';
import type { Codec } from '../codec.js';
import { runTool, toolMissing, toolVersion } from '../external-tool.js';
import { checkQuality, type ToolCodecOptions, toolRoundTrip } from './tool-codec.js';

/** HEVC options: the chroma format of the coded YCbCr (BT.601 matrix, full range). */
export interface X265Options extends ToolCodecOptions {
  /** '444' (default: BPG's format in CompressAI's anchor, Main 4:4:4 Intra) or '420' (even sizes only). */
  readonly chroma?: '444' | '420';
}

const SCALE_FLAGS = 'flags=accurate_rnd+full_chroma_int+full_chroma_inp';

/**
 * HEVC intra, the BPG equivalent: one frame through ffmpeg + libx265, constant QP (the knob),
 * `-preset veryslow -tune psnr` (no psycho-visual RDO, no adaptive quantization), no
 * wavefronts, one thread, no SEI with the encoder's settings (`info=0`). RGB becomes 8-bit
 * full-range YCbCr with the BT.601 matrix (as BPG's default `-c ycbcr`) in ffmpeg's swscale with
 * accurate rounding, 4:4:4 by default. The rate is the raw Annex-B bitstream (VPS, SPS, PPS and one
 * slice), decoded back to RGB24 by ffmpeg.
 */
export function x265Codec(options: X265Options = {}): Codec {
  const chroma = options.chroma ?? '444';
  const name = chroma === '444' ? 'x265' : 'x265-420';
  const check = (quality: number) => checkQuality(name, quality, 0, 51);
  return {
    name,
    description: `ffmpeg -c:v libx265 -preset veryslow -tune psnr, qp=Q, yuv${chroma}p BT.601 full range, 1 frame, raw .hevc`,
    qualityName: 'QP (0–51, lower is better)',
    defaultQualities: [44, 41, 38, 35, 32, 29, 26, 23, 20, 17],
    checkQuality: check,
    async version() {
      const ffmpeg = await toolVersion('ffmpeg', ['-version'], /ffmpeg version (\S+)/);
      const probe = await runTool(
        'ffmpeg',
        [
          ...['-hide_banner', '-nostdin', '-f', 'lavfi', '-i', 'color=c=gray:s=16x16:d=0.04'],
          ...['-frames:v', '1', '-c:v', 'libx265', '-x265-params', 'log-level=info', '-f', 'null', '-'],
        ],
        { timeoutMs: 20_000, allowFailure: true },
      );
      const x265 = probe.stderr.match(/HEVC encoder version (\S+)/);
      if (!x265) throw toolMissing('ffmpeg', 'cannot encode with libx265 (built without it?)');
      return `ffmpeg ${ffmpeg}, x265 ${x265[1]}`;
    },
    async encode(image, quality, workDir) {
      check(quality);
      if (chroma === '420' && (image.width % 2 || image.height % 2))
        throw new LicoError(
          'LICO_INVALID_ARGUMENT',
          `x265-420 needs an even width and height; got ${image.width}×${image.height} (use x265, 4:4:4)`,
        );
      const x265Params = [
        `qp=${quality}`,
        ...['info=0', 'pools=1', 'frame-threads=1', 'wpp=0', 'keyint=1', 'log-level=error'],
        ...['range=full', 'colormatrix=smpte170m'],
      ].join(':');
      return toolRoundTrip(
        {
          codec: name,
          input: 'rgb',
          compressed: 'out.hevc',
          output: 'rgb',
          encode: (input, out) => [
            'ffmpeg',
            [
              ...['-hide_banner', '-nostdin', '-loglevel', 'error', '-y', '-threads', '1'],
              ...['-f', 'rawvideo', '-pix_fmt', 'rgb24', '-s', `${image.width}x${image.height}`, '-i', input],
              ...['-vf', `scale=out_color_matrix=bt601:out_range=full:${SCALE_FLAGS},format=yuv${chroma}p`],
              ...['-frames:v', '1', '-c:v', 'libx265', '-preset', 'veryslow', '-tune', 'psnr'],
              ...['-x265-params', x265Params, '-f', 'hevc', out],
            ],
          ],
          decode: (compressed, out) => [
            'ffmpeg',
            [
              ...[
                '-hide_banner',
                '-nostdin',
                '-loglevel',
                'error',
                '-y',
                '-threads',
                '1',
                '-f',
                'hevc',
                '-i',
                compressed,
              ],
              ...['-vf', `scale=in_color_matrix=bt601:in_range=full:${SCALE_FLAGS},format=rgb24`],
              ...['-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', out],
            ],
          ],
        },
        image,
        workDir,
        options.timeoutMs,
      );
    },
  };
}
