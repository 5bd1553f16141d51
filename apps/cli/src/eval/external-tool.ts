import { execFile } from 'node:child_process';
import { LicoError } from '@lico/core';

/** The Debian/Ubuntu package each reference tool comes from (installed by scripts/setup.sh). */
export const APT_PACKAGES: Readonly<Record<string, string>> = {
  cjpeg: 'libjpeg-turbo-progs',
  djpeg: 'libjpeg-turbo-progs',
  cwebp: 'webp',
  dwebp: 'webp',
  avifenc: 'libavif-bin',
  avifdec: 'libavif-bin',
  cjxl: 'libjxl-tools',
  djxl: 'libjxl-tools',
  ffmpeg: 'ffmpeg',
  opj_compress: 'libopenjp2-tools',
  opj_decompress: 'libopenjp2-tools',
};

/** The default time limit of one tool call. */
export const DEFAULT_TOOL_TIMEOUT_MS = 120_000;

/** What a finished tool call printed, and how long it ran. */
export interface ToolRun {
  readonly stdout: string;
  readonly stderr: string;
  readonly seconds: number;
}

/** The error for a tool that is not installed: names the apt package and how to get it. */
export function toolMissing(tool: string, detail = 'is not installed (not found on PATH)'): LicoError {
  const apt = APT_PACKAGES[tool];
  const hint = apt
    ? `install the apt package ${apt} (sudo apt-get install ${apt}, or bash scripts/setup.sh)`
    : 'install it';
  return new LicoError('LICO_BACKEND_UNAVAILABLE', `${tool} ${detail}; ${hint}`);
}

const tail = (text: string) => text.trim().split('\n').slice(-4).join(' / ').slice(-600);

/**
 * Runs `tool args…` directly (execFile, no shell) within `timeoutMs`. A missing tool throws
 * `LICO_BACKEND_UNAVAILABLE` naming its apt package, a call over the limit `LICO_LIMIT_EXCEEDED`,
 * and a non-zero exit `LICO_INTERNAL` with the end of the tool's stderr (Lico wrote the inputs, so
 * a refusal is a wrong invocation or a broken install; please report it).
 */
export function runTool(
  tool: string,
  args: readonly string[],
  options: { timeoutMs?: number; allowFailure?: boolean } = {},
): Promise<ToolRun> {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TOOL_TIMEOUT_MS;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(
      tool,
      args,
      { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 16 << 20, encoding: 'utf8', windowsHide: true },
      (error, stdout, stderr) => {
        const seconds = (performance.now() - started) / 1000;
        if (!error || options.allowFailure) {
          if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') reject(toolMissing(tool));
          else resolve({ stdout, stderr, seconds });
          return;
        }
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'ENOENT') reject(toolMissing(tool));
        else if (error.killed || error.signal === 'SIGKILL')
          reject(
            new LicoError(
              'LICO_LIMIT_EXCEEDED',
              `${tool} ran longer than ${timeoutMs / 1000} s and was stopped (raise the limit with --timeout): ${tool} ${args.join(' ')}`,
            ),
          );
        else
          reject(
            new LicoError(
              'LICO_INTERNAL',
              `${tool} ${args.join(' ')} failed (exit ${String(code ?? error.signal)}): ${tail(stderr || stdout) || 'no output'}`,
              { cause: error },
            ),
          );
      },
    );
  });
}

/** The first match of `pattern` (its first group) in a tool's version output, or the trimmed first line. */
export async function toolVersion(tool: string, args: readonly string[], pattern: RegExp): Promise<string> {
  const { stdout, stderr } = await runTool(tool, args, { timeoutMs: 20_000, allowFailure: true });
  const text = `${stdout}\n${stderr}`;
  return text.match(pattern)?.[1] ?? text.trim().split('\n')[0] ?? 'unknown';
}
