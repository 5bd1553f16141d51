/** Where a command writes: results to `out`, progress and warnings to `progress` (stderr). */
export interface CliOutput {
  out(text: string): void;
  progress(text: string): void;
}

/** What a command gets: the output, and a way to set the exit code without throwing. */
export interface CliIo extends CliOutput {
  setExitCode(code: number): void;
}

/** Standard output and standard error. */
export const processOutput: CliOutput = {
  out: (text) => process.stdout.write(`${text}\n`),
  progress: (text) => process.stderr.write(`lico: ${text}\n`),
};
