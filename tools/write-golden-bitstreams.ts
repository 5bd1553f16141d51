/**
 * Records the SHA-256 of the js reference's stream for every rANS conformance case, and of its
 * TCQ indexes for every quantization case and its output for every IntConv2d case, in
 * fixtures/bitstreams/golden.json. Run it only when the stream format changes on purpose
 * (and bump RANS_STREAM_VERSION), or when the TCQ rules do: `npx tsx --conditions=@lico/source tools/write-golden-bitstreams.ts`.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import '@lico/backend-js';
import { IntConv2d, RansEncode, runKernel, TcqQuantize } from '@lico/core';
import { intConvCases, quantizeCases, ransCases } from '@lico/core/conformance';

const golden: Record<string, string> = {};
for (const c of await ransCases()) {
  const stream = await runKernel(RansEncode, c, { lanes: c.lanes }, 'js');
  golden[c.name] = createHash('sha256').update(stream).digest('hex');
}
for (const c of quantizeCases()) {
  const { indexes } = await runKernel(
    TcqQuantize,
    { latents: c.latents, means: c.means, tableIndexes: c.tableIndexes, rates: c.rates },
    { step: c.step, states: c.states, sequenceLength: c.sequenceLength, bitCost: c.bitCost },
    'js',
  );
  golden[`TcqQuantize: ${c.name}`] = createHash('sha256')
    .update(new Uint8Array(indexes.buffer, indexes.byteOffset, indexes.byteLength))
    .digest('hex');
}
for (const c of intConvCases()) {
  const out = await runKernel(IntConv2d, c.inputs, c.attrs, 'js');
  golden[`IntConv2d: ${c.name}`] = createHash('sha256')
    .update(new Uint8Array(out.buffer, out.byteOffset, out.byteLength))
    .digest('hex');
}
writeFileSync(new URL('../fixtures/bitstreams/golden.json', import.meta.url), `${JSON.stringify(golden, null, 2)}\n`);
console.log(`wrote ${Object.keys(golden).length} golden hashes`);
