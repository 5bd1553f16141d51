import { ARCHITECTURES, type ArchitectureName } from '@lico/models';
import { TRANSFORM_BACKENDS } from '@lico/transforms';
import { Command, Option } from 'commander';
import { writeResults } from '../bench/results-files.js';
import { runTransformsBench, TRANSFORM_BENCH_ARCHS } from '../bench/transforms-bench.js';
import { transformsMarkdown } from '../bench/transforms-report.js';
import { ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { listOf, positiveInteger } from '../option-parsers.js';

/** `lico bench transforms`: g_a and g_s time per architecture and backend, against PyTorch. */
export function benchTransformsCommand(io: CliIo): Command {
  return new Command('transforms')
    .description(
      'analysis and synthesis time of each architecture per backend (768×512, random weights) against PyTorch',
    )
    .addOption(
      new Option('--archs <list>', 'comma-separated architectures')
        .default([...TRANSFORM_BENCH_ARCHS], TRANSFORM_BENCH_ARCHS.join(','))
        .argParser(listOf<ArchitectureName>('architecture', ARCHITECTURES)),
    )
    .addOption(
      new Option('--backends <list>', 'comma-separated transform backends (webgpu and js are slow on a CPU)')
        .default(['native', 'wasm'], 'native,wasm')
        .argParser(listOf('backend', TRANSFORM_BACKENDS)),
    )
    .addOption(new Option('--width <n>', 'image width').default(768).argParser(positiveInteger('--width', 8192)))
    .addOption(new Option('--height <n>', 'image height').default(512).argParser(positiveInteger('--height', 8192)))
    .addOption(
      new Option('--repeats <n>', 'timed runs per measurement (median)')
        .default(3)
        .argParser(positiveInteger('--repeats', 100)),
    )
    .option('--no-pytorch', 'do not time PyTorch (tools/bench-transforms-pytorch.py)')
    .option('--out <dir>', 'directory for transforms.json and transforms.md', 'docs/results')
    .option('--no-write', 'do not write result files')
    .option('--json', 'print one JSON object on one line')
    .action(async (options) => {
      const result = await runTransformsBench({
        archs: options.archs,
        backends: options.backends,
        width: options.width,
        height: options.height,
        repeats: options.repeats,
        pytorch: options.pytorch,
        onProgress: (message) => io.progress(message),
      });
      if (options.write) await writeResults(options.out, 'transforms', result, transformsMarkdown(result));
      io.out(options.json ? JSON.stringify(result) : transformsMarkdown(result));
      const failed = Object.values(result.archs).some((r) => Object.values(r.backends).some((t) => 'error' in t));
      io.setExitCode(failed ? ExitCode.backendUnavailable : ExitCode.ok);
    });
}
