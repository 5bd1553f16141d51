import { type CdfTables, PmfToQuantizedCdf, runKernel } from '../src/index.js';
import { seededRandom } from '../src/random.js';

/** One coding problem: values, their table indexes and the tables. */
export interface RansCase {
  readonly name: string;
  readonly values: Int32Array;
  readonly indexes: Int32Array;
  readonly tables: CdfTables;
  readonly lanes: number;
}

/** Random tables built by the js PmfToQuantizedCdf, with skewed and flat shapes. */
export async function randomTables(
  seed: number,
  count: number,
  precision: number,
  maxSymbols: number,
): Promise<CdfTables> {
  const random = seededRandom(seed);
  const sizes = Array.from({ length: count }, () => 1 + Math.floor(random() * Math.min(maxSymbols, 2 ** precision)));
  const starts = new Uint32Array(count + 1);
  for (let t = 0; t < count; t++) starts[t + 1] = starts[t] + sizes[t];
  const pmf = new Uint32Array(starts[count]);
  for (let t = 0; t < count; t++) {
    const skew = 0.2 + random() * 3;
    for (let i = starts[t]; i < starts[t + 1]; i++)
      pmf[i] = Math.floor(1e6 * Math.exp(-skew * (i - starts[t]))) + (random() < 0.1 ? 0 : 1);
  }
  const cdf = await runKernel(PmfToQuantizedCdf, { pmf, starts }, { precision }, 'js');
  const cdfStarts = new Uint32Array(count + 1);
  for (let t = 0; t <= count; t++) cdfStarts[t] = starts[t] + t;
  const valueOffsets = new Int32Array(count);
  for (let t = 0; t < count; t++) valueOffsets[t] = Math.floor(random() * 11) - 5;
  return { precision, cdf, starts: cdfStarts, valueOffsets };
}

/** Values drawn from the tables, with a share of out-of-range values that need escapes. */
export function drawValues(
  seed: number,
  tables: CdfTables,
  length: number,
  escapeShare: number,
): { values: Int32Array; indexes: Int32Array } {
  const random = seededRandom(seed);
  const count = tables.starts.length - 1;
  const values = new Int32Array(length);
  const indexes = new Int32Array(length);
  const total = 2 ** tables.precision;
  for (let i = 0; i < length; i++) {
    const t = Math.floor(random() * count);
    indexes[i] = t;
    const begin = tables.starts[t];
    const symbols = tables.starts[t + 1] - begin - 1;
    if (random() < escapeShare || symbols === 1) {
      const far = random() < 0.05 ? 2 ** 31 - 1 - Math.floor(random() * 4) : Math.floor(random() * 1000);
      values[i] =
        random() < 0.5
          ? Math.max(-(2 ** 31), tables.valueOffsets[t] - 1 - far)
          : tables.valueOffsets[t] + symbols - 1 + far;
      if (random() < 0.02) values[i] = -(2 ** 31);
      continue;
    }
    const u = Math.floor(random() * total);
    let s = 0;
    while (tables.cdf[begin + s + 1] <= u) s++;
    values[i] = tables.valueOffsets[t] + Math.min(s, symbols - 2);
  }
  return { values, indexes };
}

/** The cases every backend must code byte-identically to the js reference. */
export async function ransCases(): Promise<RansCase[]> {
  const cases: RansCase[] = [];
  const t16 = await randomTables(1, 40, 16, 300);
  const t12 = await randomTables(2, 8, 12, 60);
  const t1 = await randomTables(3, 3, 1, 2);
  const oneSymbol: CdfTables = {
    precision: 16,
    cdf: new Uint32Array([0, 65536, 0, 1, 65536]),
    starts: new Uint32Array([0, 2, 5]),
    valueOffsets: new Int32Array([0, 7]),
  };
  const add = (name: string, tables: CdfTables, length: number, lanes: number, escapeShare: number, seed: number) =>
    cases.push({ name, tables, lanes, ...drawValues(seed, tables, length, escapeShare) });
  add('empty input', t16, 0, 8, 0, 10);
  add('one symbol', t16, 1, 8, 0, 11);
  add('16-bit tables, 1 lane', t16, 5000, 1, 0.001, 12);
  add('16-bit tables, 7 lanes', t16, 20011, 7, 0.001, 13);
  add('16-bit tables, 64 lanes', t16, 100000, 64, 0.0005, 14);
  add('16-bit tables, more lanes than symbols', t16, 50, 4096, 0, 15);
  add('12-bit tables, 33 lanes', t12, 30000, 33, 0.01, 16);
  add('1-bit tables (escape only)', t1, 3000, 5, 0.2, 17);
  add('one-symbol tables', oneSymbol, 4000, 16, 0.5, 18);
  add('half escapes', t16, 20000, 16, 0.5, 19);
  return cases;
}
