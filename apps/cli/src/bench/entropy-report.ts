import type { EntropyBenchResult } from './entropy-bench.js';
import { machineInfo } from './results-files.js';

/** Decode targets of the foundation issue, in million symbols per second. */
export const DECODE_TARGETS_MSPS: Record<string, number> = { native: 200, wasm: 100 };

const fixed = (x: number, digits = 1) => x.toFixed(digits);

/** The measured block of docs/results/entropy.md: a table with ratios against js. */
export function entropyMarkdown(result: EntropyBenchResult): string {
  const machine = machineInfo();
  const js = result.backends.js;
  const jsRates = js && 'encodeMsps' in js ? js : undefined;
  const rows = Object.entries(result.backends).map(([name, r]) => {
    if ('error' in r) return `| ${name} | — | — | — | — | — | failed: ${r.error.replaceAll('|', '/')} |`;
    const target = DECODE_TARGETS_MSPS[name];
    const targetText = target ? `${fixed((r.decodeMsps / target) * 100, 0)} % of ${target}` : '—';
    const ratio = (x: number, ref?: number) => (ref ? `${fixed(x / ref, 1)}×` : '—');
    return `| ${name} | ${fixed(r.encodeMsps)} | ${fixed(r.decodeMsps)} | ${ratio(r.encodeMsps, jsRates?.encodeMsps)} | ${ratio(r.decodeMsps, jsRates?.decodeMsps)} | ${targetText} | \`${r.sha256.slice(0, 16)}…\` ${r.description} |`;
  });
  return [
    `Measured ${machine.date.slice(0, 10)} on ${machine.cpu} (${machine.cores} cores), Node ${machine.node}.`,
    '',
    `${result.symbols.toLocaleString('en-US')} symbols from ${result.tables} CompressAI tables in latent planes of 1536 symbols, ` +
      `${result.lanes} lanes, ${fixed(result.bitsPerSymbol, 3)} bits/symbol ideal; stream ${result.streamBytes.toLocaleString('en-US')} bytes, ` +
      `**${fixed(result.overheadPct, 3)} %** over the ideal code length.`,
    '',
    '| backend | encode Msym/s | decode Msym/s | encode vs js | decode vs js | decode target | stream sha256, what ran |',
    '|---|---|---|---|---|---|---|',
    ...rows,
  ].join('\n');
}
