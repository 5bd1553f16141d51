/**
 * Packs the CompressAI bmshj2018-factorized CDF tables of ../shared/data/tables into one
 * compact fixture, fixtures/tables/bmshj2018-factorized.json (live entries only), so the entropy
 * bench and tests run in a clone without ../shared.
 * Run: `npx tsx tools/pack-cdf-tables.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

interface CompressAiTables {
  cdf: number[][];
  cdf_lengths: number[];
  offset: number[];
  N: number;
  M: number;
}

const qualities = [];
for (let quality = 1; quality <= 8; quality++) {
  const path = new URL(`../../shared/data/tables/cdf_bmshj2018-factorized_${quality}.json`, import.meta.url);
  const source = JSON.parse(readFileSync(path, 'utf8')) as CompressAiTables;
  qualities.push({
    quality,
    N: source.N,
    M: source.M,
    offset: source.offset,
    cdf: source.cdf.map((row, c) => row.slice(0, source.cdf_lengths[c])),
  });
}
const fixture = {
  description:
    'Quantized CDF tables (16-bit precision, last symbol = escape) of the EntropyBottleneck of CompressAI pretrained bmshj2018-factorized models, qualities 1 to 8.',
  license: 'BSD-3-Clause-Clear, derived from CompressAI model zoo weights (InterDigital Communications, Inc.)',
  precision: 16,
  qualities,
};
writeFileSync(new URL('../fixtures/tables/bmshj2018-factorized.json', import.meta.url), `${JSON.stringify(fixture)}\n`);
console.log(`packed ${qualities.reduce((n, q) => n + q.cdf.length, 0)} tables`);
