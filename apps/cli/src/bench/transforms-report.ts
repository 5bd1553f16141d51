import { machineInfo } from './results-files.js';
import type { TransformsBenchResult } from './transforms-bench.js';

const seconds = (s: number) => s.toFixed(s < 1 ? 3 : 2);
const ratio = (r: number | undefined) => (r === undefined ? '—' : r.toFixed(2));

/** The measured block of docs/results/transforms.md. */
export function transformsMarkdown(result: TransformsBenchResult): string {
  const machine = machineInfo();
  const { width, height } = result.image;
  const lines = [
    `Measured ${machine.date.slice(0, 10)} on ${machine.cpu} (${machine.cores} cores, load average ${result.loadAverage.toFixed(1)} at the start), Node ${machine.node}.`,
    '',
    `g_a and g_s of a ${width}×${height} image, random weights, median of ${result.repeats} runs after a warm-up (seconds).`,
    '',
    '| architecture | N, M | backend | analysis s | synthesis s | total s | total / PyTorch here | total / issue #5 encode+decode |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const [arch, r] of Object.entries(result.archs)) {
    const pytorch = r.pytorch && 'analysisS' in r.pytorch ? r.pytorch : undefined;
    const sizes = `${r.N}, ${r.M}`;
    for (const [backend, t] of Object.entries(r.backends)) {
      if ('error' in t) {
        lines.push(`| ${arch} | ${sizes} | ${backend} | — | — | — | — | failed: ${t.error.replaceAll('|', '/')} |`);
        continue;
      }
      const sum = t.analysisS + t.synthesisS;
      const overPytorch = pytorch ? sum / (pytorch.analysisS + pytorch.synthesisS) : undefined;
      const overIssue = r.issue ? sum / (r.issue.encodeS + r.issue.decodeS) : undefined;
      lines.push(
        `| ${arch} | ${sizes} | ${backend} | ${seconds(t.analysisS)} | ${seconds(t.synthesisS)} | ${seconds(sum)} | ${ratio(overPytorch)} | ${ratio(overIssue)} |`,
      );
    }
    if (pytorch) {
      const sum = pytorch.analysisS + pytorch.synthesisS;
      lines.push(
        `| ${arch} | ${sizes} | PyTorch ${pytorch.torch} (${pytorch.threads} threads) | ${seconds(pytorch.analysisS)} | ${seconds(pytorch.synthesisS)} | ${seconds(sum)} | 1 | — |`,
      );
    } else if (r.pytorch && 'error' in r.pytorch) {
      lines.push(
        `| ${arch} | ${sizes} | PyTorch | — | — | — | — | not measured: ${r.pytorch.error.replaceAll('|', '/')} |`,
      );
    }
    if (r.issue) {
      lines.push(
        `| ${arch} | ${sizes} | issue #5 (PyTorch, encode / decode incl. entropy coding) | ${seconds(r.issue.encodeS)} | ${seconds(r.issue.decodeS)} | ${seconds(r.issue.encodeS + r.issue.decodeS)} | — | 1 |`,
      );
    }
  }
  return lines.join('\n');
}
