import { readFile } from 'node:fs/promises';
import { writeFileAtomically } from '@lico/core/node';
import { ARCHITECTURES, importCheckpoint } from '@lico/models';
import { Command, Option } from 'commander';
import { BACKEND_NAMES } from '../backends.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { positiveInteger, positiveNumber } from '../option-parsers.js';
import { refusalToOverwrite } from '../output-file.js';

/** `lico convert IN.pth OUT.safetensors --arch NAME`: a CompressAI checkpoint as a Lico weights file. */
export function convertCommand(io: CliIo): Command {
  return new Command('convert')
    .description(
      'convert a PyTorch/CompressAI checkpoint (.pth, .pth.tar) to a Lico weights file (safetensors), integer networks calibrated',
    )
    .argument('<in>', 'the checkpoint')
    .argument('<out>', 'the weights file to write')
    .addOption(
      new Option('--arch <name>', 'the architecture it was trained as').choices(ARCHITECTURES).makeOptionMandatory(),
    )
    .addOption(new Option('--N <n>', 'channels N (default: from the shapes)').argParser(positiveInteger('--N', 4096)))
    .addOption(new Option('--M <n>', 'channels M (default: from the shapes)').argParser(positiveInteger('--M', 4096)))
    .addOption(
      new Option('--quality <q>', 'quality index, stored in the metadata').argParser(positiveNumber('--quality')),
    )
    .addOption(
      new Option('--lambda <λ>', 'the λ it was trained with, stored in the metadata').argParser(
        positiveNumber('--lambda'),
      ),
    )
    .option('--float16', 'store float tensors as float16 (half the size)')
    .addOption(
      new Option('--backend <name>', 'backend to calibrate on (default: the best available)').choices(BACKEND_NAMES),
    )
    .option('--force', 'overwrite <out> if it exists')
    .option('--json', 'print one JSON object on one line')
    .action(async (input: string, output: string, options) => {
      const refusal = refusalToOverwrite(output, Boolean(options.force));
      if (refusal) {
        io.progress(refusal);
        io.setExitCode(ExitCode.usage);
        return;
      }
      const started = performance.now();
      const model = await importCheckpoint(new Uint8Array(await readFile(input)), {
        arch: options.arch,
        N: options.N,
        M: options.M,
        quality: options.quality,
        lambda: options.lambda,
        backend: options.backend,
      });
      const bytes = model.toSafetensors({ floatDtype: options.float16 ? 'F16' : 'F32' });
      await model.dispose();
      await writeFileAtomically(output, bytes);
      const report = {
        out: output,
        ...model.info,
        bytes: bytes.length,
        floatDtype: options.float16 ? 'F16' : 'F32',
        integerNetworks: Object.keys(model.integerNetworks ?? {}),
        seconds: (performance.now() - started) / 1000,
      };
      io.out(
        options.json
          ? JSON.stringify(report)
          : `wrote ${output}: ${report.architecture} (N=${report.N}, M=${report.M}), ${bytes.length} bytes`,
      );
      io.setExitCode(ExitCode.ok);
    });
}
