import { readFile } from 'node:fs/promises';
import type { CdfTables } from '@lico/core';
import { cdfTablesFromRows } from '@lico/entropy';

/** The CompressAI bmshj2018-factorized tables shipped in the repository (fixtures/tables/). */
export const DEFAULT_TABLES_FIXTURE = new URL('../../../../fixtures/tables/bmshj2018-factorized.json', import.meta.url);

interface TablesFixture {
  precision: number;
  qualities: { quality: number; offset: number[]; cdf: number[][] }[];
}

/** All qualities' tables of a fixture file as one table set (1920 tables for the default). */
export async function loadTablesFixture(path: URL | string = DEFAULT_TABLES_FIXTURE): Promise<CdfTables> {
  const fixture = JSON.parse(await readFile(path, 'utf8')) as TablesFixture;
  return cdfTablesFromRows(
    fixture.qualities.flatMap((q) => q.cdf),
    { valueOffsets: fixture.qualities.flatMap((q) => q.offset), precision: fixture.precision },
  );
}
