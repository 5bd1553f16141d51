/** Names of the backends Lico ships; third parties may register others. */
export type BackendName = 'js' | 'native' | 'wasm' | 'webgpu' | (string & {});

/**
 * A started backend. Kernels are registered for a backend name in the kernel registry; the
 * backend object carries the state they share (a WASM instance, a GPU device, a native addon).
 */
export interface Backend {
  readonly name: BackendName;
  /** One line saying what runs, e.g. `native (AVX-512, 2 threads)` or `webgpu (SwiftShader)`. */
  readonly description: string;
  /** Releases what the backend holds; the registry forgets it and a later request starts it anew. */
  dispose?(): void | Promise<void>;
  /**
   * Gives back the memory of a kernel output that nothing will read again: the array is detached
   * (its length becomes 0) and its memory serves a later output at once, instead of after garbage
   * collection. Returns false, doing nothing, for arrays this backend did not make.
   */
  recycle?(output: ArrayBufferView): boolean;
}

/** Starts a backend; it throws (or rejects) with a reason when the backend cannot run here. */
export type BackendFactory = () => Backend | Promise<Backend>;
