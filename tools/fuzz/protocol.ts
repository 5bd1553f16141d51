/** What the fuzz's pool and its worker thread exchange. */

/** The worker's `workerData`. */
export interface WorkerSetup {
  /** The seeds' weights index (`index.json`). */
  readonly index: string;
  /** The backends cases are decoded on. */
  readonly backends: readonly string[];
  /** The seed files, decoded once on each backend before the first case (models loaded, sessions started). */
  readonly seeds: readonly Uint8Array[];
}

/** How a case ended. */
export type Outcome = 'error' | 'decoded' | 'wrong-output' | 'crash' | 'hang' | 'memory';

/** The worker's answer for one case (`hang` and `memory` are the pool's verdicts). */
export interface CaseReply {
  readonly id: number;
  readonly outcome: Outcome;
  /** The `LicoError` code, for `error`. */
  readonly code?: string;
  /** What went wrong, for the other outcomes. */
  readonly detail?: string;
  readonly ms: number;
  /** Bytes by which the process's peak RSS rose over its RSS at the case's start (0: no new peak). */
  readonly rssGrowth: number;
  /** Bytes of ArrayBuffers allocated during the case and not yet collected at its end. */
  readonly arrayBufferGrowth: number;
}
