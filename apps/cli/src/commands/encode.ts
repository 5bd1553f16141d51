import { writeFileAtomically } from '@lico/core/node';
import { encode } from '@lico/models';
import { Command } from 'commander';
import { checkOverwrite, codecAction, stageBar } from '../codec-command.js';
import { readCodecImage } from '../codec-image-file.js';
import { addEncoderOptions, encodeOptionsOf } from '../encoder-options.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { licoFileReport } from '../lico-file-report.js';

/** `lico encode IN OUT.lico`: an image to a Lico file. */
export function encodeCommand(io: CliIo): Command {
  return addEncoderOptions(
    new Command('encode')
      .description('compress a PNG, JPEG or WebP image (8-bit RGB or grayscale) to a Lico file')
      .argument('<in>', 'the image')
      .argument('<out>', 'the Lico file to write (.lico)'),
  )
    .option('--force', 'overwrite <out> if it exists')
    .option('--json', 'print one JSON object on one line')
    .action(
      codecAction(io, async (input: string, output: string, options) => {
        checkOverwrite(output, options.force);
        const image = await readCodecImage(input);
        const bar = stageBar('encode');
        const started = performance.now();
        const bytes = await encode(image, {
          ...encodeOptionsOf(options, bar.onProgress),
          onProgress: bar.onProgress,
        }).finally(() => bar.stop());
        const seconds = (performance.now() - started) / 1000;
        await writeFileAtomically(output, bytes);
        const report = { in: input, out: output, ...licoFileReport(bytes), seconds };
        io.out(
          options.json
            ? JSON.stringify(report)
            : `wrote ${output}: ${report.width}×${report.height} ${report.layout}, ${report.bytes} bytes, ${report.bpp.toFixed(4)} bpp (${report.model}, ${report.quantizer} Δ=${report.step}) in ${seconds.toFixed(2)} s`,
        );
        io.setExitCode(ExitCode.ok);
      }),
    );
}
