import type { Provider, ProviderOptions } from './provider.js';
import { describeRuntime, importByName, type OrtModule, ortRunner, reasonOf, threadCount } from './provider.js';

/** `wasm`: onnxruntime-web with its WebAssembly execution provider, in Node and browsers. */
export async function startWasm(options: ProviderOptions): Promise<Provider> {
  let ort: OrtModule;
  try {
    ort = await importByName<OrtModule>('onnxruntime-web');
  } catch (error) {
    throw new Error(
      `onnxruntime-web did not load (${reasonOf(error)}); it is a dependency of @lico/transforms: reinstall`,
    );
  }
  // Read by onnxruntime-web when its first session starts; later changes have no effect.
  if (options.threads && ort.env.wasm) ort.env.wasm.numThreads = options.threads;
  return {
    backend: 'wasm',
    description: describeRuntime('onnxruntime-web', ort.env.versions?.web, [
      'wasm EP',
      threadCount(ort.env.wasm?.numThreads),
    ]),
    async createRunner(_layer, model) {
      const session = await ort.InferenceSession.create(model(), {
        executionProviders: ['wasm'],
        graphOptimizationLevel: 'all',
      });
      return ortRunner(ort, session);
    },
  };
}
