import type { EntropyModelsBenchResult } from './entropy-models-bench.js';
import { machineInfo } from './results-files.js';

const fixed = (x: number, digits = 1) => x.toFixed(digits);
const signed = (x: number) => `${x >= 0 ? '+' : ''}${x.toFixed(3)}`;

/** The measured block of docs/results/entropy-models.md: per model, time per backend against js. */
export function entropyModelsMarkdown(result: EntropyModelsBenchResult): string {
  const machine = machineInfo();
  const lines = [
    `Measured ${machine.date.slice(0, 10)} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}.`,
    '',
    `Latents of a ${result.image.width}×${result.image.height} image: y ${result.latents.y.join('×')}, z ${result.latents.z.join('×')}. ` +
      'Time = parameter computation + coding, encode plus decode (median).',
    '',
    '| model | backend | encode ms | decode ms | speed vs js | bits over likelihood | stream sha256 |',
    '|---|---|---|---|---|---|---|',
  ];
  for (const [name, model] of Object.entries(result.models)) {
    const js = model.backends.js;
    const jsMs = js && 'ms' in js ? js.ms : undefined;
    for (const [backend, r] of Object.entries(model.backends)) {
      if ('error' in r) {
        lines.push(`| ${name} | ${backend} | — | — | — | — | failed: ${r.error.replaceAll('|', '/')} |`);
        continue;
      }
      const ratio = jsMs ? `${fixed(jsMs / r.ms, 1)}×` : '—';
      lines.push(
        `| ${name} | ${backend} | ${fixed(r.encodeMs, 0)} | ${fixed(r.decodeMs, 0)} | ${ratio} | ${fixed(model.bitsOverLikelihoodPct, 3)} % | \`${r.sha256.slice(0, 16)}…\` |`,
      );
    }
  }
  const costs = Object.entries(result.models).filter(([, model]) => model.integerRateCost);
  if (costs.length > 0) {
    lines.push(
      '',
      'Rate cost of the integer parameter networks (random float networks converted by `toIntegerNetwork`; y drawn from the float model):',
      '',
      '| model | float model bits of y | integer likelihood vs float | integer coded vs float |',
      '|---|---|---|---|',
      ...costs.map(([name, model]) => {
        const cost = model.integerRateCost as NonNullable<typeof model.integerRateCost>;
        return `| ${name} | ${Math.round(cost.floatBits).toLocaleString('en-US')} | ${signed(cost.likelihoodPct)} % | ${signed(cost.codedPct)} % |`;
      }),
    );
  }
  return lines.join('\n');
}
