/**
 * Runs decoder cases one at a time in a worker thread under a time bound and a memory bound:
 * a case past the time bound is a hang (the worker is killed and a fresh one started), a worker
 * that runs out of heap or a case whose RSS or ArrayBuffer growth passes the memory bound is
 * over memory, and a worker that dies any other way is a crash.
 */
import { Worker } from 'node:worker_threads';
import type { CaseReply, WorkerSetup } from './protocol.js';

/** The bounds every case runs under. */
export interface Bounds {
  /** Wall-clock time a case may take. */
  readonly timeMs: number;
  /** Memory a case may take: peak RSS growth, ArrayBuffer growth, and the worker's heap limit. */
  readonly memoryBytes: number;
}

/** One case's verdict: the worker's reply without its id, or the pool's own (`hang`, `memory`, `crash`). */
export type CaseResult = Omit<CaseReply, 'id'>;

const WORKER = new URL('./worker.ts', import.meta.url).href;
// The worker is TypeScript: register tsx in it, then load it (workers do not inherit the loader).
const BOOT = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(WORKER)}); })`;

export class DecoderPool {
  #worker: Worker | undefined;
  #pending: { resolve: (result: CaseResult) => void; timer: NodeJS.Timeout } | undefined;
  #next = 0;
  /** Workers started, the first included. */
  starts = 0;

  constructor(
    private readonly setup: WorkerSetup,
    private readonly bounds: Bounds,
  ) {}

  async #start(): Promise<Worker> {
    this.starts++;
    const worker = new Worker(BOOT, {
      eval: true,
      execArgv: ['--conditions=@lico/source'],
      workerData: this.setup,
      resourceLimits: { maxOldGenerationSizeMb: Math.ceil(this.bounds.memoryBytes / 2 ** 20) + 256 },
    });
    await new Promise<void>((resolve, reject) => {
      const ready = (message: { ready?: boolean }) => {
        if (!message.ready) return;
        worker.off('message', ready);
        worker.off('error', reject);
        resolve();
      };
      worker.on('message', ready);
      worker.once('error', reject);
    });
    worker.on('message', (reply: CaseReply) => this.#settle(reply));
    worker.on('error', (error: Error & { code?: string }) => {
      const outcome = error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? 'memory' : 'crash';
      this.#settle(
        { id: -1, outcome, detail: error.stack ?? error.message, ms: 0, rssGrowth: 0, arrayBufferGrowth: 0 },
        true,
      );
    });
    worker.on('exit', (code) => {
      if (this.#worker !== worker) return;
      this.#worker = undefined;
      const detail = `the worker exited (code ${code}) during the case`;
      this.#settle({ id: -1, outcome: 'crash', detail, ms: 0, rssGrowth: 0, arrayBufferGrowth: 0 }, true);
    });
    return worker;
  }

  #settle(reply: CaseReply, dead = false): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    clearTimeout(pending.timer);
    if (dead) this.#worker = undefined;
    const overMemory = reply.rssGrowth > this.bounds.memoryBytes || reply.arrayBufferGrowth > this.bounds.memoryBytes;
    const { id: _, ...result } = reply;
    pending.resolve(overMemory && reply.outcome !== 'crash' ? { ...result, outcome: 'memory' } : result);
  }

  /** Decodes `bytes` on `backend` in the worker and says how it ended. */
  async run(bytes: Uint8Array, backend: string): Promise<CaseResult> {
    this.#worker ??= await this.#start();
    const worker = this.#worker;
    const id = this.#next++;
    return new Promise<CaseResult>((resolve) => {
      const timer = setTimeout(() => {
        this.#pending = undefined;
        this.#worker = undefined;
        void worker.terminate();
        resolve({ outcome: 'hang', ms: this.bounds.timeMs, rssGrowth: 0, arrayBufferGrowth: 0 });
      }, this.bounds.timeMs);
      this.#pending = { resolve, timer };
      worker.postMessage({ id, bytes, backend });
    });
  }

  async close(): Promise<void> {
    await this.#worker?.terminate();
    this.#worker = undefined;
  }
}
