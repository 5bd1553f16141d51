import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import { writeFileAtomically } from '@lico/core/node';
import { type CodecProgress, type CodecStage, decode, encode } from '@lico/models';
import { Command } from 'commander';
import { checkOverwrite, codecAction, stageBar } from '../codec-command.js';
import { pngBytes, readCodecImage } from '../codec-image-file.js';
import { addEncoderOptions, encodeOptionsOf } from '../encoder-options.js';
import { psnr } from '../eval/metrics.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { licoFileReport } from '../lico-file-report.js';

/** Runs `run` and says when each stage started (ms), besides passing the progress on to the bar. */
async function timed<T>(
  bar: ReturnType<typeof stageBar>,
  run: (onProgress: (progress: CodecProgress) => void) => Promise<T>,
): Promise<{ result: T; started: Map<CodecStage, number>; ended: number }> {
  const started = new Map<CodecStage, number>();
  const result = await run((progress) => {
    started.set(progress.stage, performance.now());
    bar.onProgress?.(progress);
  }).finally(() => bar.stop());
  return { result, started, ended: performance.now() };
}

/**
 * `lico roundtrip IN`: encodes an image to a Lico file, reads the file back and decodes it, and
 * reports bpp (from the file's size), PSNR (RGB, 8-bit) and the encode and decode times (weights
 * loading apart).
 */
export function roundtripCommand(io: CliIo): Command {
  return addEncoderOptions(
    new Command('roundtrip')
      .description('encode an image to a Lico file and decode it: bpp, PSNR (RGB, 8-bit), encode and decode time')
      .argument('<in>', 'the image: PNG, JPEG or WebP (8-bit RGB or grayscale)'),
  )
    .option('--keep <dir>', 'keep the Lico file and the decoded PNG in <dir> (NAME.lico, NAME.decoded.png)')
    .option('--force', 'overwrite files in --keep <dir>')
    .option('--json', 'print one JSON object on one line')
    .action(
      codecAction(io, async (input: string, options) => {
        const name = basename(input, extname(input));
        const kept = options.keep
          ? { lico: join(options.keep, `${name}.lico`), png: join(options.keep, `${name}.decoded.png`) }
          : undefined;
        if (kept) for (const path of Object.values(kept)) checkOverwrite(path, options.force);
        const original = await readCodecImage(input);
        const encodeBar = stageBar('encode');
        const encodeOptions = encodeOptionsOf(options, encodeBar.onProgress);
        const encoded = await timed(encodeBar, (onProgress) => encode(original, { ...encodeOptions, onProgress }));
        const directory = kept ? options.keep : await mkdtemp(join(tmpdir(), 'lico-roundtrip-'));
        const file = kept?.lico ?? join(directory, `${name}.lico`);
        try {
          await mkdir(directory, { recursive: true });
          await writeFileAtomically(file, encoded.result);
          const bytes = new Uint8Array(await readFile(file));
          const weights = encodeOptions.weights;
          const decoded = await timed(stageBar('decode'), (onProgress) =>
            decode(bytes, { weights, backend: options.backend, onProgress }),
          );
          if (kept) await writeFileAtomically(kept.png, await pngBytes(decoded.result));
          const quality = psnr(original, decoded.result);
          const compressStarted = encoded.started.get('compress') ?? 0;
          const report = {
            in: input,
            ...licoFileReport(bytes),
            channels: original.channels,
            psnr: Number.isFinite(quality) ? quality : null,
            weightsSeconds: (compressStarted - (encoded.started.get('weights') ?? compressStarted)) / 1000,
            encodeSeconds: (encoded.ended - compressStarted) / 1000,
            decodeSeconds: (decoded.ended - (decoded.started.get('latents') ?? decoded.ended)) / 1000,
            backend: options.backend ?? 'default',
            ...(kept ? { kept } : {}),
          };
          const psnrText = report.psnr === null ? 'lossless' : `${report.psnr.toFixed(2)} dB`;
          io.out(
            options.json
              ? JSON.stringify(report)
              : `${input}: ${report.width}×${report.height} ${report.layout}, ${report.model} — ${report.bytes} bytes, ${report.bpp.toFixed(4)} bpp, PSNR ${psnrText}; encode ${report.encodeSeconds.toFixed(2)} s, decode ${report.decodeSeconds.toFixed(2)} s (weights loaded in ${report.weightsSeconds.toFixed(2)} s)`,
          );
          io.setExitCode(ExitCode.ok);
        } finally {
          if (!kept) await rm(directory, { recursive: true, force: true });
        }
      }),
    );
}
