import type { BackendName } from '@lico/core';
import type { InferenceSession, Tensor as OrtTensor } from 'onnxruntime-common';
import type { Layer } from '../module/layer.js';
import { type FloatTensor, floatTensor } from '../tensor.js';

/** Runs one layer tree on one provider, for any input size. */
export interface Runner {
  run(input: FloatTensor): Promise<FloatTensor>;
  release(): Promise<void>;
}

/** What a session needs from a provider. */
export interface ProviderOptions {
  /** CPU threads for ONNX Runtime (native: per session; wasm: set once per process, at its first session). */
  readonly threads?: number;
  /** The GPU device for webgpu (a `GPUDevice`). */
  readonly device?: object;
  /** A started Lico backend the caller passed (webgpu borrows its device). */
  readonly backendObject?: object;
}

/** An ONNX Runtime (or the TypeScript reference) behind a Lico backend name. */
export interface Provider {
  readonly backend: BackendName;
  /** What runs, e.g. `onnxruntime-node 1.30.0 (CPU EP)`. */
  readonly description: string;
  createRunner(layer: Layer, model: () => Uint8Array): Promise<Runner>;
}

/** The part of an ONNX Runtime package Lico uses. */
export interface OrtModule {
  readonly InferenceSession: {
    create(model: Uint8Array, options?: InferenceSession.SessionOptions): Promise<InferenceSession>;
  };
  readonly Tensor: new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensor;
  readonly env: { readonly versions?: Record<string, string | undefined>; readonly wasm?: { numThreads?: number } };
}

/** A runner over an ONNX Runtime session; `around` wraps each call (webgpu in Node keeps the event loop busy). */
export function ortRunner(
  ort: OrtModule,
  session: InferenceSession,
  around: <T>(work: () => Promise<T>) => Promise<T> = (work) => work(),
): Runner {
  const [inputName] = session.inputNames;
  const [outputName] = session.outputNames;
  return {
    async run(input) {
      const results = await around(() =>
        session.run({ [inputName]: new ort.Tensor('float32', input.data, input.dims) }),
      );
      const output = results[outputName];
      const data = output.data as Float32Array;
      return floatTensor(data, output.dims);
    },
    release: () => session.release(),
  };
}

/** An import that bundlers leave alone (Node-only packages must not enter browser bundles). */
export function importByName<T>(specifier: string): Promise<T> {
  return import(/* @vite-ignore */ specifier) as Promise<T>;
}

/** The message of an error, for reasons. */
export function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** `onnxruntime-node 1.30.0 (CPU EP, 2 threads)`: a package, its version if known, and details. */
export function describeRuntime(
  name: string,
  version: string | undefined,
  details: readonly (string | false | undefined)[],
): string {
  return `${[name, version].filter(Boolean).join(' ')} (${details.filter(Boolean).join(', ')})`;
}

/** `1 thread`, `4 threads`, or nothing when unset. */
export function threadCount(threads: number | undefined): string | undefined {
  return threads ? `${threads} thread${threads === 1 ? '' : 's'}` : undefined;
}
