/**
 * A decoder fuzz campaign: `cases` hostile variants of the seed files, each decoded in the pool's
 * worker under the bounds, tallied by outcome, error code and mutation kind.
 */
import { seededRandom } from '@lico/core';
import { drawMutation, MUTATIONS, type MutationKind, rawFile } from './mutations.js';
import { type Bounds, type CaseResult, DecoderPool } from './pool.js';
import type { Outcome } from './protocol.js';
import type { Seeds } from './seeds.js';

export const OUTCOMES: readonly Outcome[] = ['error', 'decoded', 'wrong-output', 'crash', 'hang', 'memory'];

/** A case whose outcome is a failure of the decoder (anything but a typed error or a right-sized image). */
export interface Finding {
  readonly case: number;
  readonly backend: string;
  readonly kind: MutationKind;
  readonly seed: string;
  readonly outcome: Outcome;
  readonly detail?: string;
}

export interface FuzzSummary {
  readonly cases: number;
  readonly seed: number;
  /** The backends cases rotate over (case i decodes on backends[i mod n]). */
  readonly backends: readonly string[];
  readonly bounds: Bounds;
  readonly seeds: readonly string[];
  readonly outcomes: Record<Outcome, number>;
  readonly errorCodes: Record<string, number>;
  readonly byMutation: Record<string, Record<Outcome, number>>;
  readonly byBackend: Record<string, Record<Outcome, number>>;
  readonly slowestMs: number;
  readonly maxRssGrowth: number;
  readonly maxArrayBufferGrowth: number;
  readonly findings: readonly Finding[];
  readonly workerStarts: number;
  readonly seconds: number;
}

/** A 32-bit hash (murmur3's finalizer): generators seeded with neighbouring numbers start far apart. */
function mix(value: number): number {
  let x = value >>> 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** The bytes of case `index`: a seed and a mutation drawn from a generator of its own (reproducible one by one). */
export function makeCase(
  seeds: Seeds,
  seed: number,
  index: number,
): { kind: MutationKind; seed: string; bytes: Uint8Array } {
  const random = seededRandom(mix(mix(seed) + index));
  const chosen = seeds.seeds[Math.floor(random() * seeds.seeds.length)];
  const kind = drawMutation(random);
  return { kind, seed: chosen.name, bytes: MUTATIONS[kind](random, chosen.bytes, rawFile(chosen.bytes)) };
}

const zeros = () => Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<Outcome, number>;

/** Runs the campaign; `onCase` sees every result (progress). */
export async function runFuzz(
  seeds: Seeds,
  options: {
    cases: number;
    seed: number;
    backends: readonly string[];
    bounds: Bounds;
    onCase?: (done: number, result: CaseResult) => void;
  },
): Promise<FuzzSummary> {
  const started = performance.now();
  const { backends } = options;
  const pool = new DecoderPool(
    { index: seeds.index, backends, seeds: seeds.seeds.map((s) => s.bytes) },
    options.bounds,
  );
  const outcomes = zeros();
  const errorCodes: Record<string, number> = {};
  const byMutation: Record<string, Record<Outcome, number>> = {};
  const byBackend = Object.fromEntries(backends.map((b) => [b, zeros()]));
  const findings: Finding[] = [];
  let [slowestMs, maxRssGrowth, maxArrayBufferGrowth] = [0, 0, 0];
  try {
    for (let i = 0; i < options.cases; i++) {
      const made = makeCase(seeds, options.seed, i);
      const backend = backends[i % backends.length];
      const result = await pool.run(made.bytes, backend);
      outcomes[result.outcome]++;
      byBackend[backend][result.outcome]++;
      byMutation[made.kind] ??= zeros();
      byMutation[made.kind][result.outcome]++;
      if (result.code) errorCodes[result.code] = (errorCodes[result.code] ?? 0) + 1;
      if (result.outcome !== 'error' && result.outcome !== 'decoded' && findings.length < 50) {
        findings.push({
          case: i,
          backend,
          kind: made.kind,
          seed: made.seed,
          outcome: result.outcome,
          detail: result.detail,
        });
      }
      slowestMs = Math.max(slowestMs, result.ms);
      maxRssGrowth = Math.max(maxRssGrowth, result.rssGrowth);
      maxArrayBufferGrowth = Math.max(maxArrayBufferGrowth, result.arrayBufferGrowth);
      options.onCase?.(i + 1, result);
    }
  } finally {
    await pool.close();
  }
  return {
    cases: options.cases,
    seed: options.seed,
    backends,
    bounds: options.bounds,
    seeds: seeds.seeds.map((s) => s.name),
    outcomes,
    errorCodes: Object.fromEntries(Object.entries(errorCodes).sort(([, a], [, b]) => b - a)),
    byMutation,
    byBackend,
    slowestMs,
    maxRssGrowth,
    maxArrayBufferGrowth,
    findings,
    workerStarts: pool.starts,
    seconds: (performance.now() - started) / 1000,
  };
}
