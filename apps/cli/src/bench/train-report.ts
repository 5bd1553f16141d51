import type { TrainBenchResult } from '@lico/train';

/** A training benchmark as Markdown: the configuration, seconds per step and where they go. */
export function trainMarkdown(result: TrainBenchResult): string {
  const ms = (s: number) => (s * 1000).toFixed(1);
  const lines = [
    `## Training step: ${result.arch} (N=${result.N}, M=${result.M}), batch ${result.batch}, ${result.crop}×${result.crop}`,
    '',
    `${result.backend}; ${(result.parameters / 1e6).toFixed(2)} M parameters.`,
    '',
    '| seconds per step (median) | forward + loss | backward | Adam | CPU seconds per step | steps |',
    '| --- | --- | --- | --- | --- | --- |',
    `| ${result.secondsPerStep.toFixed(3)} | ${result.phases.forward.toFixed(3)} | ${result.phases.backward.toFixed(3)} | ${result.phases.optimizer.toFixed(3)} | ${result.cpuSecondsPerStep.toFixed(3)} | ${result.steps.map((s) => s.toFixed(3)).join(', ')} |`,
  ];
  if (result.profile) {
    lines.push('', '| kernel or backward pass | calls per step | ms per step |', '| --- | --- | --- |');
    for (const p of result.profile.filter((p) => p.seconds >= 0.001))
      lines.push(`| ${p.name} | ${p.calls.toFixed(0)} | ${ms(p.seconds)} |`);
  }
  return lines.join('\n');
}
