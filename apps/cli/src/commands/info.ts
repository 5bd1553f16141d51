import { readFile } from 'node:fs/promises';
import { packagedWeights } from '@lico/models';
import { Command } from 'commander';
import { codecAction } from '../codec-command.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { licoFileReport } from '../lico-file-report.js';

/** `lico info IN.lico`: what a Lico file holds, without decoding it. */
export function infoCommand(io: CliIo): Command {
  return new Command('info')
    .description("show a Lico file's header (model, weights hash, size, layout, quantizer), stream sizes and bpp")
    .argument('<in>', 'the Lico file')
    .option('--json', 'print one JSON object on one line')
    .action(
      codecAction(io, async (input: string, options) => {
        const report = licoFileReport(new Uint8Array(await readFile(input)));
        const entry = (await packagedWeights().entries()).find((e) => e.sha256.startsWith(report.weightsHash));
        const trained = entry ? { quality: entry.quality, lambda: entry.lambda, file: entry.file } : null;
        if (options.json) {
          io.out(JSON.stringify({ file: input, ...report, trained }));
        } else {
          const lines = [
            `${input}: Lico file, ${report.bytes} bytes, ${report.bpp.toFixed(4)} bpp`,
            `  image      ${report.width}×${report.height} ${report.layout}`,
            `  model      ${report.model}`,
            `  weights    ${report.weightsHash}${entry ? ` (trained, quality ${entry.quality}: ${entry.file})` : ' (not among the trained weights)'}`,
            `  quantizer  ${report.quantizer}, step ${report.step}`,
            `  streams    ${report.streams.map((s) => `${s.name} ${s.bytes} B`).join(', ')}`,
          ];
          io.out(lines.join('\n'));
        }
        io.setExitCode(ExitCode.ok);
      }),
    );
}
