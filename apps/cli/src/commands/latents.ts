import { readFile } from 'node:fs/promises';
import { loadModel, writeNpy } from '@lico/models';
import { TRANSFORM_BACKENDS } from '@lico/transforms';
import { Command, Option } from 'commander';
import '../backends.js';
import { writeFileAtomically } from '@lico/core/node';
import { ExitCode } from '../exit-codes.js';
import { readImage } from '../image-input.js';
import type { CliIo } from '../io.js';
import { refusalToOverwrite } from '../output-file.js';

/** `lico latents`: the analysis output y of an image, as float32 NCHW .npy. */
export function latentsCommand(io: CliIo): Command {
  return new Command('latents')
    .description('write the analysis output y = g_a(image) of a model as a float32 NCHW .npy file')
    .requiredOption('--weights <file>', 'Lico weights file (.safetensors, from lico convert)')
    .requiredOption('--in <image>', 'image: PNG, JPEG or WebP (read as 8-bit RGB)')
    .requiredOption('--out <file>', '.npy file to write')
    .addOption(
      new Option('--backend <name>', 'where g_a runs (default: native, then wasm)').choices(TRANSFORM_BACKENDS),
    )
    .option('--force', 'overwrite --out if it exists')
    .option('--json', 'print one JSON object on one line')
    .action(async (options) => {
      const refusal = refusalToOverwrite(options.out, Boolean(options.force));
      if (refusal) {
        io.progress(refusal);
        io.setExitCode(ExitCode.usage);
        return;
      }
      const model = await loadModel(new Uint8Array(await readFile(options.weights)), { backend: options.backend });
      const image = await readImage(options.in);
      const started = performance.now();
      const y = await model.analysis(image, { backend: options.backend });
      const seconds = (performance.now() - started) / 1000;
      await model.dispose();
      await writeFileAtomically(options.out, writeNpy({ shape: y.dims, data: y.data }));
      const report = { out: options.out, architecture: model.info.architecture, shape: y.dims, seconds };
      io.out(
        options.json
          ? JSON.stringify(report)
          : `wrote ${options.out}: y [${y.dims.join(', ')}] (${report.architecture})`,
      );
      io.setExitCode(ExitCode.ok);
    });
}
