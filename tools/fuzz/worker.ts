/**
 * The decoder fuzz's worker thread: decodes each case it is sent with `decode()` (finding the
 * weights in the seeds' weights index) and answers how it ended, how long it took and how much
 * memory it took. The pool kills it when a case runs past the time bound.
 */
import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import { pathToFileURL } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { decodeContainer, isLicoError } from '@lico/core';
import { decode, weightsRegistry } from '@lico/models';
import type { CaseReply, WorkerSetup } from './protocol.js';

const { index, backends, seeds } = workerData as WorkerSetup;
const registry = weightsRegistry(pathToFileURL(index));
const port = parentPort;
if (!port) throw new Error('tools/fuzz/worker.ts runs as a worker thread');

async function decodeCase(bytes: Uint8Array, backend: string): Promise<Pick<CaseReply, 'outcome' | 'code' | 'detail'>> {
  try {
    const image = await decode(bytes, { registry, backend });
    const { header } = decodeContainer(bytes);
    const channels = header.layout === 'gray' ? 1 : 3;
    const fits =
      image.width === header.width &&
      image.height === header.height &&
      image.channels === channels &&
      image.data.length === header.width * header.height * channels;
    if (fits) return { outcome: 'decoded' };
    return {
      outcome: 'wrong-output',
      detail: `${image.width}×${image.height}×${image.channels} for a header of ${header.width}×${header.height} ${header.layout}`,
    };
  } catch (error) {
    if (isLicoError(error)) return { outcome: 'error', code: error.code };
    return { outcome: 'crash', detail: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
}

// Load every model and start its sessions on every backend before the first timed case.
for (const backend of backends) for (const seed of seeds) await decode(seed, { registry, backend });

port.on('message', async ({ id, bytes, backend }: { id: number; bytes: Uint8Array; backend: string }) => {
  const rssBefore = process.memoryUsage.rss();
  const peakBefore = process.resourceUsage().maxRSS * 1024;
  const buffersBefore = process.memoryUsage().arrayBuffers;
  const started = performance.now();
  const result = await decodeCase(bytes, backend);
  const ms = performance.now() - started;
  const peakAfter = process.resourceUsage().maxRSS * 1024;
  const reply: CaseReply = {
    id,
    ...result,
    ms,
    // A new high-water mark of the process's RSS during this case: how far over the RSS it started at.
    rssGrowth: peakAfter > peakBefore ? peakAfter - rssBefore : 0,
    arrayBufferGrowth: Math.max(0, process.memoryUsage().arrayBuffers - buffersBefore),
  };
  port.postMessage(reply);
});
port.postMessage({ ready: true });
