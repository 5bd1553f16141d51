import { createHash } from 'node:crypto';
import { getBackend, LicoError } from '@lico/core';
import { decodeWithIndexes, encodeWithIndexes, idealCodeLength, sampleFromTables } from '@lico/entropy';
import { loadTablesFixture } from './tables-fixture.js';
import { medianSeconds } from './timing.js';

export interface EntropyBenchOptions {
  readonly symbols: number;
  readonly lanes: number;
  readonly repeats: number;
  readonly backends: readonly string[];
  readonly tables?: string;
  /** Called when a backend starts and ends, for progress output. */
  readonly onProgress?: (message: string) => void;
}

export type BackendResult =
  | { encodeMsps: number; decodeMsps: number; sha256: string; description: string }
  | { error: string };

export interface EntropyBenchResult {
  symbols: number;
  lanes: number;
  tables: number;
  /** Stream size over the ideal code length, in percent. */
  overheadPct: number;
  bitsPerSymbol: number;
  streamBytes: number;
  backends: Record<string, BackendResult>;
}

/** Symbols per latent plane (a 32×48 latent, as a 768×512 image gives at 1/16 scale). */
const PLANE = 32 * 48;

/**
 * The entropy-coding benchmark: `symbols` values drawn from the CompressAI tables laid out as
 * latent planes (each plane one table, per-symbol table indexes), coded and decoded on each
 * backend. Every backend's decode is checked against the input and its stream hashed.
 */
export async function runEntropyBench(options: EntropyBenchOptions): Promise<EntropyBenchResult> {
  const tables = await loadTablesFixture(options.tables);
  const { values, indexes } = sampleFromTables(tables, { count: options.symbols, runLength: PLANE, seed: 2026 });
  const ideal = idealCodeLength(values, indexes, tables);
  const result: EntropyBenchResult = {
    symbols: options.symbols,
    lanes: options.lanes,
    tables: tables.starts.length - 1,
    overheadPct: 0,
    bitsPerSymbol: ideal / Math.max(1, options.symbols),
    streamBytes: 0,
    backends: {},
  };
  for (const name of options.backends) {
    options.onProgress?.(`${name}: starting`);
    try {
      const backend = await getBackend(name);
      let stream: Uint8Array = new Uint8Array(0);
      const encodeSeconds = await medianSeconds(options.repeats, async () => {
        stream = await encodeWithIndexes(values, indexes, tables, { lanes: options.lanes, backend });
      });
      // Decoded into one reused array, as a codec decoding image after image would: the cost
      // of allocating and first touching the output is not the coder's (docs/results/entropy.md).
      const decoded = new Int32Array(values.length);
      const decodeSeconds = await medianSeconds(options.repeats, async () => {
        await decodeWithIndexes(stream, indexes, tables, { backend, output: decoded });
      });
      if (!Buffer.from(decoded.buffer, decoded.byteOffset, decoded.byteLength).equals(Buffer.from(values.buffer))) {
        throw new LicoError('LICO_INTERNAL', `backend '${name}' decoded different values than were encoded`);
      }
      result.streamBytes = stream.length;
      result.overheadPct = ((stream.length * 8) / ideal - 1) * 100;
      result.backends[name] = {
        encodeMsps: options.symbols / encodeSeconds / 1e6,
        decodeMsps: options.symbols / decodeSeconds / 1e6,
        sha256: createHash('sha256').update(stream).digest('hex'),
        description: backend.description,
      };
      options.onProgress?.(`${name}: done`);
    } catch (error) {
      result.backends[name] = { error: error instanceof Error ? error.message : String(error) };
      options.onProgress?.(`${name}: failed (${result.backends[name].error})`);
    }
  }
  return result;
}
