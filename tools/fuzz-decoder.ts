/**
 * Fuzzes Lico's decoder with damaged and forged files and writes docs/results/robustness.{md,json}.
 *
 *   nice -n 10 npx tsx --conditions=@lico/source tools/fuzz-decoder.ts --cases 100000
 *
 * Options: --cases N (1000), --seed S (1), --backends js,native,wasm, --time-ms T (10000),
 * --memory-mb M (128), --out DIR (docs/results), --no-write, --only CASE (rerun one case and
 * print it). Exits 1 when any case crashed, hung, went over the memory bound or decoded to an
 * image of the wrong size.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { makeCase, runFuzz } from './fuzz/campaign.js';
import { DecoderPool } from './fuzz/pool.js';
import { robustnessMarkdown } from './fuzz/report.js';
import { makeSeeds } from './fuzz/seeds.js';

const { values } = parseArgs({
  options: {
    cases: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    backends: { type: 'string', default: 'js,native,wasm' },
    'time-ms': { type: 'string', default: '10000' },
    'memory-mb': { type: 'string', default: '128' },
    out: { type: 'string', default: 'docs/results' },
    'no-write': { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const cases = Number(values.cases);
const seed = Number(values.seed);
const backends = values.backends.split(',').filter(Boolean);
const bounds = { timeMs: Number(values['time-ms']), memoryBytes: Number(values['memory-mb']) * 2 ** 20 };

const seeds = await makeSeeds();
if (values.only !== undefined) {
  const index = Number(values.only);
  const made = makeCase(seeds, seed, index);
  const backend = backends[index % backends.length];
  const pool = new DecoderPool(
    { index: seeds.index, backends: [backend], seeds: seeds.seeds.map((s) => s.bytes) },
    bounds,
  );
  const result = await pool.run(made.bytes, backend);
  await pool.close();
  console.log({
    case: index,
    backend,
    kind: made.kind,
    seed: made.seed,
    bytes: Buffer.from(made.bytes).toString('hex'),
    ...result,
  });
  process.exit(0);
}

const summary = await runFuzz(seeds, {
  cases,
  seed,
  backends,
  bounds,
  onCase: (done, result) => {
    if (result.outcome !== 'error' && result.outcome !== 'decoded')
      console.error(`case ${done - 1}: ${result.outcome}`);
    if (done % 1000 === 0 || done === cases) console.error(`${done}/${cases} cases`);
  },
});
const command = `npx tsx --conditions=@lico/source tools/fuzz-decoder.ts --cases ${cases}${seed !== 1 ? ` --seed ${seed}` : ''}`;
if (!values['no-write']) {
  await mkdir(values.out, { recursive: true });
  await writeFile(join(values.out, 'robustness.json'), `${JSON.stringify({ command, ...summary }, null, 2)}\n`);
  await writeFile(join(values.out, 'robustness.md'), robustnessMarkdown(summary, command));
}
await rm(dirname(seeds.index), { recursive: true, force: true });
console.log(JSON.stringify({ outcomes: summary.outcomes, errorCodes: summary.errorCodes, seconds: summary.seconds }));
const { crash, hang, memory } = summary.outcomes;
process.exit(crash + hang + memory + summary.outcomes['wrong-output'] > 0 ? 1 : 0);
