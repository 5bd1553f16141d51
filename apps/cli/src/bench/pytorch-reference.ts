import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../../../tools/bench-transforms-pytorch.py', import.meta.url));
const run = promisify(execFile);

/** PyTorch's g_a and g_s times for one architecture, measured here. */
export interface PytorchTimes {
  readonly analysisS: number;
  readonly synthesisS: number;
  readonly torch: string;
  readonly threads: number;
}

/**
 * Times g_a and g_s of one architecture in PyTorch (CPU, `threads` threads) with
 * tools/bench-transforms-pytorch.py, or says why it could not: no /usr/bin/python3, no torch.
 */
export async function pytorchTimes(
  arch: string,
  sizes: { N: number; M: number },
  image: { width: number; height: number },
  repeats: number,
  threads = 2,
): Promise<PytorchTimes | { error: string }> {
  if (!existsSync(PYTHON)) return { error: `${PYTHON} is not installed` };
  if (!existsSync(SCRIPT)) return { error: `${SCRIPT} is missing` };
  const args = [
    SCRIPT,
    `--archs=${arch}`,
    `--sizes=${arch}=${sizes.N}:${sizes.M}`,
    `--width=${image.width}`,
    `--height=${image.height}`,
    `--repeats=${repeats}`,
    `--threads=${threads}`,
  ];
  try {
    const { stdout } = await run(PYTHON, args, { timeout: 600_000, maxBuffer: 1 << 20 });
    const report = JSON.parse(stdout);
    return { ...report.archs[arch], torch: report.torch, threads: report.threads };
  } catch (error) {
    const text = String((error as { stderr?: string }).stderr || (error as Error).message);
    return {
      error: text.includes("No module named 'torch'")
        ? 'PyTorch (python3-torch) is not installed'
        : (text.trim().split('\n').pop() ?? text),
    };
  }
}
