import { describe, expect, test } from 'vitest';
import { missingCpuFeatures } from './cpu-features.js';

describe.runIf(process.arch === 'x64')('missingCpuFeatures', () => {
  test('accepts an x86-64-v3 CPU and names what an older one lacks', () => {
    expect(missingCpuFeatures('processor : 0\nflags\t\t: fpu sse2 avx avx2 bmi1 bmi2 fma movbe\n')).toBeUndefined();
    expect(missingCpuFeatures('flags\t\t: fpu sse2 avx bmi1 movbe\n')).toBe(
      'this CPU lacks avx2, bmi2, fma (the addon is built for x86-64-v3)',
    );
  });

  test('does not guess when /proc/cpuinfo says nothing', () => {
    expect(missingCpuFeatures('')).toBeUndefined();
  });

  test('this machine runs the addon', () => {
    expect(missingCpuFeatures()).toBeUndefined();
  });
});
