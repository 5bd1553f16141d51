/**
 * @packageDocumentation
 * The `lico` command line. `runCli(argv)` runs it in-process and returns the exit code.
 *
 * @example
 * ```ts
 * import { runCli } from '@lico/cli';
 * const code = await runCli(['bench', 'entropy', '--symbols', '100000', '--backends', 'js', '--no-write', '--json']);
 * console.log(code); // 0
 * ```
 */
import { isLicoError } from '@lico/core';
import { Command, CommanderError } from 'commander';
import { backendsCommand } from './commands/backends.js';
import { benchCommand } from './commands/bench.js';
import { convertCommand } from './commands/convert.js';
import { decodeCommand } from './commands/decode.js';
import { encodeCommand } from './commands/encode.js';
import { evalCommand } from './commands/eval.js';
import { infoCommand } from './commands/info.js';
import { latentsCommand } from './commands/latents.js';
import { roundtripCommand } from './commands/roundtrip.js';
import { trainCommand } from './commands/train.js';
import { ExitCode, exitCodeOf } from './exit-codes.js';
import { type CliIo, type CliOutput, processOutput } from './io.js';

export { ExitCode } from './exit-codes.js';
export type { CliOutput } from './io.js';

/** Sends the help and errors of a command and all its subcommands to `output`, and makes them throw instead of exiting. */
function routeOutput(command: Command, output: CliOutput): void {
  command
    .exitOverride()
    .showHelpAfterError()
    .configureOutput({ writeOut: (s) => output.out(s.trimEnd()), writeErr: (s) => output.progress(s.trimEnd()) });
  for (const sub of command.commands) routeOutput(sub, output);
}

/** Runs `lico` with `argv` (without node and script) and resolves to its exit code. */
export async function runCli(argv: readonly string[], output: CliOutput = processOutput): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const io: CliIo = { ...output, setExitCode: (code) => (exitCode = code) };
  const program = new Command('lico').description('Lico: learned image compression');
  program.addCommand(backendsCommand(io));
  program.addCommand(benchCommand(io));
  program.addCommand(convertCommand(io));
  program.addCommand(latentsCommand(io));
  program.addCommand(trainCommand(io));
  program.addCommand(evalCommand(io));
  program.addCommand(encodeCommand(io));
  program.addCommand(decodeCommand(io));
  program.addCommand(infoCommand(io));
  program.addCommand(roundtripCommand(io));
  routeOutput(program, output);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
    output.progress(isLicoError(error) ? `${error.code}: ${error.message}` : `error: ${String(error)}`);
    return exitCodeOf(error);
  }
}
