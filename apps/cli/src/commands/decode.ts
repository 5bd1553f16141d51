import { readFile } from 'node:fs/promises';
import { LicoError } from '@lico/core';
import { writeFileAtomically } from '@lico/core/node';
import { decode } from '@lico/models';
import { Command } from 'commander';
import { backendOption, checkOverwrite, codecAction, stageBar } from '../codec-command.js';
import { pngBytes } from '../codec-image-file.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';

/** `lico decode IN.lico OUT.png`: a Lico file to a PNG image. */
export function decodeCommand(io: CliIo): Command {
  return new Command('decode')
    .description('decompress a Lico file to a PNG image (8-bit RGB or grayscale, as it was encoded)')
    .argument('<in>', 'the Lico file')
    .argument('<out>', 'the PNG file to write')
    .option('--weights <file>', 'the weights it was encoded with, if they are not the trained ones (.safetensors)')
    .addOption(backendOption())
    .option('--force', 'overwrite <out> if it exists')
    .option('--json', 'print one JSON object on one line')
    .action(
      codecAction(io, async (input: string, output: string, options) => {
        if (!output.toLowerCase().endsWith('.png')) {
          throw new LicoError('LICO_INVALID_ARGUMENT', `lico decode writes PNG: name the output *.png, not ${output}`);
        }
        checkOverwrite(output, options.force);
        const bytes = new Uint8Array(await readFile(input));
        const bar = stageBar('decode');
        const started = performance.now();
        const image = await decode(bytes, {
          weights: options.weights,
          backend: options.backend,
          onProgress: bar.onProgress,
        }).finally(() => bar.stop());
        const seconds = (performance.now() - started) / 1000;
        await writeFileAtomically(output, await pngBytes(image));
        const report = {
          in: input,
          out: output,
          width: image.width,
          height: image.height,
          channels: image.channels,
          seconds,
        };
        io.out(
          options.json
            ? JSON.stringify(report)
            : `wrote ${output}: ${image.width}×${image.height} ${image.channels === 1 ? 'gray' : 'rgb'} in ${seconds.toFixed(2)} s`,
        );
        io.setExitCode(ExitCode.ok);
      }),
    );
}
