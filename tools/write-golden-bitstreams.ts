/**
 * Records the SHA-256 of the js reference's stream for every conformance case in
 * fixtures/bitstreams/rans-golden.json. Run it only when the stream format changes on purpose
 * (and bump RANS_STREAM_VERSION): `npx tsx --conditions=@lico/source tools/write-golden-bitstreams.ts`.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import '@lico/backend-js';
import { RansEncode, runKernel } from '@lico/core';
import { ransCases } from '@lico/core/conformance';

const golden: Record<string, string> = {};
for (const c of await ransCases()) {
  const stream = await runKernel(RansEncode, c, { lanes: c.lanes }, 'js');
  golden[c.name] = createHash('sha256').update(stream).digest('hex');
}
writeFileSync(
  new URL('../fixtures/bitstreams/rans-golden.json', import.meta.url),
  `${JSON.stringify(golden, null, 2)}\n`,
);
console.log(`wrote ${Object.keys(golden).length} golden hashes`);
