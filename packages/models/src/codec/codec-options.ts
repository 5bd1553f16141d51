import type { BackendName } from '@lico/core';
import type { WeightsRegistry } from './weights-registry.js';

/** What the codec is doing: loading weights, compressing, decoding latents, synthesizing the image. */
export type CodecStage = 'weights' | 'compress' | 'latents' | 'synthesis';

/** A stage starting: the `step`-th of `steps` (1-based). */
export interface CodecProgress {
  readonly stage: CodecStage;
  readonly step: number;
  readonly steps: number;
}

/** Options {@link encode} and {@link decode} share. */
export interface CodecRunOptions {
  /**
   * Where the model runs: `native`, `wasm`, `webgpu` or `js` (default: native, then wasm, for the
   * transforms; the best started Lico backend for the integer kernels). Every backend decodes
   * every other one's files.
   */
  readonly backend?: BackendName;
  /** Where trained weights are looked up (default: the ones shipped in `@lico/models`' `weights/`). */
  readonly registry?: WeightsRegistry;
  /** Called as each stage starts (progress bars). */
  readonly onProgress?: (progress: CodecProgress) => void;
}
