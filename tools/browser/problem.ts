import { seededRandom } from '@lico/core';
import { cdfTablesFromRows, sampleFromTables } from '@lico/entropy';

/** The same coding and quantization problem in Node and in the page. */
export function browserProblem() {
  const tables = cdfTablesFromRows(
    [
      [0, 1000, 30000, 60000, 65000, 65536],
      [0, 65000, 65535, 65536],
    ],
    { valueOffsets: [-2, 0] },
  );
  const { values, indexes } = sampleFromTables(tables, { count: 20000, runLength: 100, seed: 5 });
  values[17] = 123456; // an escape
  const random = seededRandom(6);
  const latents = Float32Array.from({ length: 5000 }, () => (random() - 0.5) * 6);
  return { values, indexes, tables, latents };
}
