/**
 * The browser side of tools/browser.test.ts: codes one problem on js, wasm and webgpu inside
 * the page (wasm fetched beside the bundle, webgpu through navigator.gpu) and hands the bytes
 * back, so the test can compare them with Node's; and offers the codec (`licoCodec`) for the
 * test to call.
 */
import '@lico/backend-js';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';
import { getBackend } from '@lico/core';
import { decodeWithIndexes, encodeWithIndexes } from '@lico/entropy';
import { decode, encode } from '@lico/models';
import { buildQuantizerTables, GaussianDensity, TcqQuantizer } from '@lico/quantizers';
import { browserProblem } from './problem.js';

export interface PageResult {
  backend: string;
  description: string;
  stream: number[];
  decodedMatches: boolean;
  tcqIndexes: number[];
}

async function run(): Promise<PageResult[]> {
  const { values, indexes, tables, latents } = browserProblem();
  const tcq = new TcqQuantizer({ step: 0.25, lambda: 0.02, states: 8 });
  const tcqTables = await buildQuantizerTables(tcq, [new GaussianDensity(1)]);
  const results: PageResult[] = [];
  for (const name of ['js', 'wasm', 'webgpu']) {
    const backend = await getBackend(name);
    const stream = await encodeWithIndexes(values, indexes, tables, { lanes: 7, backend });
    const decoded = await decodeWithIndexes(stream, indexes, tables, { backend });
    const quantized = await tcq.quantize(
      latents,
      { tableIndexes: new Int32Array(latents.length), tables: tcqTables },
      backend,
    );
    results.push({
      backend: name,
      description: backend.description,
      stream: Array.from(stream),
      decodedMatches: decoded.every((v, i) => v === values[i]),
      tcqIndexes: Array.from(quantized.indexes),
    });
  }
  return results;
}

(globalThis as { licoResults?: Promise<PageResult[]> }).licoResults = run();
(globalThis as { licoCodec?: unknown }).licoCodec = { encode, decode };
