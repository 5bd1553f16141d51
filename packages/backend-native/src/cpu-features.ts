import { readFileSync } from 'node:fs';

/** The instruction sets of x86-64-v3, which the addon is compiled for (binding.gyp). */
const X86_64_V3 = ['avx2', 'bmi2', 'fma', 'movbe'];

/**
 * Why this CPU cannot run the addon, or undefined when it can (or when Linux's
 * /proc/cpuinfo cannot tell). Loading an AVX2 build on a CPU without AVX2 would stop the
 * process with SIGILL instead of letting Lico fall back to wasm.
 */
export function missingCpuFeatures(cpuinfo = readCpuinfo()): string | undefined {
  if (process.arch !== 'x64' || cpuinfo === undefined) return undefined;
  const flags = new Set(
    cpuinfo
      .match(/^flags\s*:(.*)$/m)?.[1]
      ?.trim()
      .split(/\s+/) ?? [],
  );
  if (flags.size === 0) return undefined;
  const missing = X86_64_V3.filter((flag) => !flags.has(flag));
  return missing.length > 0 ? `this CPU lacks ${missing.join(', ')} (the addon is built for x86-64-v3)` : undefined;
}

function readCpuinfo(): string | undefined {
  try {
    return readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return undefined;
  }
}
