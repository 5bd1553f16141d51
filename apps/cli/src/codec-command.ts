import { isLicoError, LicoError } from '@lico/core';
import { SingleBar } from 'cli-progress';
import { type Command, Option } from 'commander';
import { BACKEND_NAMES } from './backends.js';
import { exitCodeOf } from './exit-codes.js';
import type { CliIo } from './io.js';
import { refusalToOverwrite } from './output-file.js';

/** A stage of a command's work: the codec's (`CodecProgress`) or the CLI's own (`refine`). */
export interface StageProgress {
  readonly stage: string;
  /** 1-based. */
  readonly step: number;
  readonly steps: number;
}

/** `--backend`: where the model runs. */
export const backendOption = () =>
  new Option('--backend <name>', 'where the model runs (default: native, then wasm)').choices(BACKEND_NAMES);

/** Throws `LICO_INVALID_ARGUMENT` (exit 2) when `path` exists and `--force` was not given. */
export function checkOverwrite(path: string, force: unknown): void {
  const refusal = refusalToOverwrite(path, Boolean(force));
  if (refusal) throw new LicoError('LICO_INVALID_ARGUMENT', refusal);
}

/**
 * A codec command's action: an error becomes its exit code (by `LicoError` code, see
 * `exitCodeOf`) and a line on stderr, and with `--json` also one JSON line on stdout:
 * `{"error":{"code":…,"message":…},"exitCode":…}`.
 */
export function codecAction<A extends unknown[]>(io: CliIo, action: (...args: A) => Promise<void>) {
  return async (...args: A): Promise<void> => {
    try {
      await action(...args);
    } catch (error) {
      const exitCode = exitCodeOf(error);
      const code = isLicoError(error) ? error.code : 'ERROR';
      const message = error instanceof Error ? error.message : String(error);
      io.progress(isLicoError(error) ? `${code}: ${message}` : `error: ${message}`);
      if ((args.at(-1) as Command).opts().json) io.out(JSON.stringify({ error: { code, message }, exitCode }));
      io.setExitCode(exitCode);
    }
  };
}

/** A progress bar over the codec's stages on a terminal (stderr); nothing otherwise (scripts, logs). */
export function stageBar(label: string): { onProgress?: (progress: StageProgress) => void; stop(): void } {
  if (!process.stderr.isTTY) return { stop: () => {} };
  const bar = new SingleBar({ format: `${label} [{bar}] {stage}`, hideCursor: true }, undefined);
  let started = false;
  return {
    onProgress(progress) {
      if (!started) bar.start(progress.steps, 0, { stage: '' });
      started = true;
      bar.setTotal(progress.steps);
      bar.update(progress.step - 1, { stage: progress.stage });
    },
    stop() {
      if (!started) return;
      bar.update(bar.getTotal(), { stage: 'done' });
      bar.stop();
      started = false;
    },
  };
}
