import type { QuantizersBenchResult } from './quantizers-bench.js';
import { renderRdPlot } from './rd-plot.js';
import { machineInfo } from './results-files.js';
import { gaussianSource, laplacianSource } from './sources.js';

const db = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${x.toFixed(2)}`);

/** The measured block of docs/results/quantizers.md. */
export function quantizersMarkdown(result: QuantizersBenchResult): string {
  const machine = machineInfo();
  const sources = Object.keys(result.gainsDb);
  const gainRows = sources.flatMap((s) =>
    (['tcq4', 'tcq8'] as const).map(
      (q) => `| ${s} | ${q} | ${db(result.gainsDb[s][q]['1'])} | ${db(result.gainsDb[s][q]['3'])} |`,
    ),
  );
  const boundRows = sources.flatMap((s) =>
    (['uniform', 'tcq4', 'tcq8'] as const).map(
      (q) =>
        `| ${s} | ${q} | ${db(result.shannonDistanceDb[s][q]['1'])} | ${db(result.shannonDistanceDb[s][q]['3'])} |`,
    ),
  );
  const js = result.backends.js;
  const jsRate = js && 'latentsPerSec' in js ? js.latentsPerSec : undefined;
  const backendRows = Object.entries(result.backends).map(([name, r]) =>
    'error' in r
      ? `| ${name} | — | — | failed: ${r.error.replaceAll('|', '/')} |`
      : `| ${name} | ${(r.latentsPerSec / 1e6).toFixed(2)} M | ${jsRate ? `${(r.latentsPerSec / jsRate).toFixed(1)}×` : '—'} | \`${r.sha256.slice(0, 16)}…\` ${r.description} |`,
  );
  const [c, h, w] = result.latent.shape;
  return [
    `Measured ${machine.date.slice(0, 10)} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}; sweeps on the ${result.sweepBackend} backend, ${result.samples.toLocaleString('en-US')} samples per source and point.`,
    '',
    '**SNR gain of TCQ over entropy-coded uniform scalar quantization at equal rate** (dB; real coded bits; each curve the best over its sweep):',
    '',
    '| source | quantizer | at 1 bit/sample | at 3 bits/sample |',
    '|---|---|---|---|',
    ...gainRows,
    '',
    '**Distance to the Shannon bound** (dB below it; Laplacian: the Shannon lower bound):',
    '',
    '| source | quantizer | at 1 bit/sample | at 3 bits/sample |',
    '|---|---|---|---|',
    ...boundRows,
    '',
    `**TCQ (8 states) on a ${c}×${h}×${w} latent** (one trellis per channel, ${c} Gaussian tables, Δ = ${result.latent.step}, λ = ${result.latent.lambda}):`,
    '',
    '| backend | latents/s | vs js | index sha256, what ran |',
    '|---|---|---|---|',
    ...backendRows,
    '',
    '![Distance to the Shannon bound against rate](quantizers.svg)',
  ].join('\n');
}

/** The plot: each curve's distance to the Shannon bound against rate, one panel per source. */
export function quantizersPlot(result: QuantizersBenchResult): Promise<string> {
  const bound = { gaussian: gaussianSource, laplacian: laplacianSource } as const;
  const series = Object.entries(result.curves).flatMap(([source, curves]) =>
    Object.entries(curves).map(([label, points]) => ({
      panel: source,
      label,
      points: points
        .filter(([bits]) => bits >= 0.25 && bits <= 4.5)
        .map(([bits, snr]) => [bits, bound[source as keyof typeof bound].shannonSnr(bits) - snr] as const),
    })),
  );
  return renderRdPlot(series, { x: 'bits per sample (coded)', y: 'dB below the Shannon bound' });
}
