import type { Provider, ProviderOptions } from './provider.js';
import { describeRuntime, importByName, type OrtModule, ortRunner, reasonOf, threadCount } from './provider.js';

/** `native`: onnxruntime-node with its CPU execution provider (Node only). */
export async function startNative(options: ProviderOptions): Promise<Provider> {
  let ort: OrtModule;
  try {
    ort = await importByName<OrtModule>('onnxruntime-node');
  } catch (error) {
    throw new Error(
      `onnxruntime-node did not load (${reasonOf(error)}); it runs in Node only and is an optional dependency of @lico/transforms: install it, or use the 'wasm' backend`,
    );
  }
  return {
    backend: 'native',
    description: describeRuntime('onnxruntime-node', ort.env.versions?.node, ['CPU EP', threadCount(options.threads)]),
    async createRunner(_layer, model) {
      const session = await ort.InferenceSession.create(model(), {
        executionProviders: ['cpu'],
        graphOptimizationLevel: 'all',
        ...(options.threads ? { intraOpNumThreads: options.threads, interOpNumThreads: 1 } : {}),
      });
      return ortRunner(ort, session);
    },
  };
}
