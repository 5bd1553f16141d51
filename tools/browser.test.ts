import '@lico/backend-js';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeWithIndexes } from '@lico/entropy';
import { type CodecImage, createModel, decode, encode } from '@lico/models';
import { buildQuantizerTables, GaussianDensity, TcqQuantizer } from '@lico/quantizers';
import { build } from 'esbuild';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { PageResult } from './browser/page.js';
import { browserProblem } from './browser/problem.js';

const root = new URL('..', import.meta.url).pathname;
let server: Server;
let browser: Browser;
let page: Page;
let results: PageResult[];

beforeAll(async () => {
  const bundle = await build({
    entryPoints: [`${root}tools/browser/page.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    conditions: ['@lico/source'],
    // Node-only branches (Dawn, fs) are never taken in a page.
    external: ['node:*', 'webgpu'],
    write: false,
    logLevel: 'silent',
  });
  const files: Record<string, { type: string; body: Uint8Array | string }> = {
    '/': { type: 'text/html', body: '<!doctype html><script type="module" src="/page.js"></script>' },
    '/favicon.ico': { type: 'image/x-icon', body: '' },
    '/page.js': { type: 'text/javascript', body: bundle.outputFiles[0].contents },
    // The wasm backend fetches ../wasm/lico.wasm relative to its module: the bundle, here.
    '/wasm/lico.wasm': { type: 'application/wasm', body: readFileSync(`${root}packages/backend-wasm/wasm/lico.wasm`) },
  };
  server = createServer((request, response) => {
    const file = files[request.url ?? ''];
    response.writeHead(file ? 200 : 404, { 'content-type': file?.type ?? 'text/plain' });
    response.end(file?.body ?? 'not found');
  }).listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      '--use-webgpu-adapter=swiftshader',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
  await page.waitForFunction(() => 'licoResults' in globalThis, undefined, { timeout: 60_000 });
  results = await page.evaluate(() => (globalThis as unknown as { licoResults: Promise<PageResult[]> }).licoResults);
  expect(errors).toEqual([]);
}, 180_000);

afterAll(async () => {
  await browser?.close();
  server?.close();
});

describe('in Chromium', () => {
  test('js, wasm and webgpu start in the page', () => {
    expect(results.map((r) => r.backend)).toEqual(['js', 'wasm', 'webgpu']);
    expect(results.find((r) => r.backend === 'webgpu')?.description).toMatch(/^webgpu/);
  });

  test('every backend in the page writes the bytes Node writes, and decodes them', async () => {
    const { values, indexes, tables } = browserProblem();
    const node = Array.from(await encodeWithIndexes(values, indexes, tables, { lanes: 7, backend: 'js' }));
    for (const r of results) {
      expect(r.stream, r.backend).toEqual(node);
      expect(r.decodedMatches, r.backend).toBe(true);
    }
  });

  test('TCQ in the page makes the decisions it makes in Node', async () => {
    const { latents } = browserProblem();
    const tcq = new TcqQuantizer({ step: 0.25, lambda: 0.02, states: 8 });
    const tables = await buildQuantizerTables(tcq, [new GaussianDensity(1)]);
    const node = await tcq.quantize(latents, { tableIndexes: new Int32Array(latents.length), tables }, 'js');
    for (const r of results) expect(r.tcqIndexes, r.backend).toEqual(Array.from(node.indexes));
  });

  test('the codec in the page: a file it encodes decodes in Node, and one Node encodes decodes in the page', async () => {
    const weights = (await createModel('lico-checkerboard-gmm', { N: 4, M: 6, backend: 'js' })).toSafetensors();
    const data = Uint8Array.from({ length: 19 * 11 * 3 }, (_, i) => (i * 29) & 0xff);
    const image: CodecImage = { width: 19, height: 11, channels: 3, data };
    const node = await encode(image, { weights, backend: 'js' });
    const inPage = await page.evaluate(
      async ({ weights, data, file }) => {
        type Codec = { encode: typeof encode; decode: typeof decode };
        const codec = (globalThis as unknown as { licoCodec: Codec }).licoCodec;
        const options = { weights: Uint8Array.from(weights), backend: 'js' };
        const image = { width: 19, height: 11, channels: 3 as const, data: Uint8Array.from(data) };
        const encoded = await codec.encode(image, options);
        const decoded = await codec.decode(Uint8Array.from(file), options);
        return { file: Array.from(encoded), decoded: Array.from(decoded.data) };
      },
      { weights: Array.from(weights), data: Array.from(data), file: Array.from(node) },
    );
    expect(inPage.file).toEqual(Array.from(node));
    const decoded = await decode(Uint8Array.from(inPage.file), { weights, backend: 'js' });
    expect(inPage.decoded).toEqual(Array.from(decoded.data));
  });
});
