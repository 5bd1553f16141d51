import { readFileSync } from 'node:fs';
import type { CdfTables } from '@lico/core';
import { cdfTablesFromRows } from '../src/index.js';

interface Fixture {
  precision: number;
  qualities: { quality: number; offset: number[]; cdf: number[][] }[];
}

/** The CompressAI tables of the given qualities (all by default) as one table set. */
export function compressAiTables(qualities?: number[]): CdfTables {
  const path = new URL('../../../fixtures/tables/bmshj2018-factorized.json', import.meta.url);
  const fixture = JSON.parse(readFileSync(path, 'utf8')) as Fixture;
  const chosen = fixture.qualities.filter((q) => !qualities || qualities.includes(q.quality));
  return cdfTablesFromRows(
    chosen.flatMap((q) => q.cdf),
    { valueOffsets: chosen.flatMap((q) => q.offset), precision: fixture.precision },
  );
}
