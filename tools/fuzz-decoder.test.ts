import { rm } from 'node:fs/promises';
import { dirname } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runFuzz } from './fuzz/campaign.js';
import { MUTATION_INFO } from './fuzz/mutations.js';
import { makeSeeds } from './fuzz/seeds.js';

describe('decoder fuzz (tools/fuzz-decoder.ts), a small set', () => {
  test('400 damaged and forged files on js, native and wasm: typed errors or right-sized images, never a crash, a hang or too much memory', async () => {
    const seeds = await makeSeeds();
    const summary = await runFuzz(seeds, {
      cases: 400,
      seed: 7,
      backends: ['js', 'native', 'wasm'],
      bounds: { timeMs: 20_000, memoryBytes: 128 * 2 ** 20 },
    });
    await rm(dirname(seeds.index), { recursive: true, force: true });
    expect(summary.findings).toEqual([]);
    expect(summary.outcomes.error + summary.outcomes.decoded).toBe(400);
    // The forgeries reach the checks behind the CRCs: the model's decoder and the weights lookup.
    expect(summary.errorCodes).toHaveProperty('LICO_WEIGHTS_MISMATCH');
    expect(summary.errorCodes).toHaveProperty('LICO_LIMIT_EXCEEDED');
    expect(summary.outcomes.decoded).toBeGreaterThan(0);
    expect(Object.keys(summary.byMutation).sort()).toEqual(Object.keys(MUTATION_INFO).sort());
  });
});
