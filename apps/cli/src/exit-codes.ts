/** The `lico` command's exit codes; documented in apps/cli/README.md. */
export const ExitCode = {
  ok: 0,
  /** Something failed while running (a corrupt stream, an I/O error). */
  failure: 1,
  /** The command line is wrong (unknown option, bad value). */
  usage: 2,
  /** A backend that was asked for by name could not start. */
  backendUnavailable: 3,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];
