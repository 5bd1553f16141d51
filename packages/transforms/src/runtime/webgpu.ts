import { getBackend } from '@lico/core';
import type { Provider, ProviderOptions } from './provider.js';
import { describeRuntime, importByName, type OrtModule, ortRunner, reasonOf } from './provider.js';
import { keepingEventLoopBusy, prepareNodeGlobals, withBaselineCompile } from './webgpu-node.js';

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** A started Lico webgpu backend: its device and, in Node, Dawn's GPU object. */
interface GpuHolder {
  readonly device?: object;
  readonly gpu?: object;
  readonly description?: string;
}

/** The device (and GPU) to use: the caller's, the backend object's, or in Node Lico's webgpu backend's. */
async function findDevice(options: ProviderOptions): Promise<GpuHolder | undefined> {
  const holder = options.backendObject as GpuHolder | undefined;
  if (options.device) return { device: options.device, gpu: holder?.gpu };
  if (holder?.device) return holder;
  if (!isNode) return undefined; // onnxruntime-web asks navigator.gpu for an adapter itself.
  let backend: GpuHolder;
  try {
    backend = (await getBackend('webgpu')) as GpuHolder;
  } catch (error) {
    throw new Error(
      `in Node the webgpu provider runs on the device of Lico's webgpu backend, which did not start (${reasonOf(error)}); import '@lico/backend-webgpu' first`,
    );
  }
  if (!backend.device) throw new Error("the 'webgpu' backend registered here has no GPU device to share");
  return backend;
}

/**
 * `webgpu`: onnxruntime-web's WebGPU execution provider. In browsers it uses `navigator.gpu`
 * (or the given device); in Node it runs on Dawn through the device of Lico's webgpu backend,
 * with the fixes of `webgpu-node.ts`.
 */
export async function startWebGpu(options: ProviderOptions): Promise<Provider> {
  const found = await findDevice(options);
  if (isNode && found?.device) prepareNodeGlobals(found.device, found.gpu);
  let ort: OrtModule;
  try {
    ort = await importByName<OrtModule>('onnxruntime-web/webgpu');
  } catch (error) {
    throw new Error(
      `onnxruntime-web/webgpu did not load (${reasonOf(error)}); it is part of onnxruntime-web: reinstall`,
    );
  }
  if (options.threads && ort.env.wasm) ort.env.wasm.numThreads = options.threads;
  const around = isNode ? keepingEventLoopBusy : <T>(work: () => Promise<T>) => work();
  const where = found?.description ?? (isNode ? 'Dawn' : 'navigator.gpu');
  return {
    backend: 'webgpu',
    description: describeRuntime('onnxruntime-web', ort.env.versions?.web, [`webgpu EP on ${where}`]),
    async createRunner(_layer, model) {
      // NCHW: with the EP's default NHWC, a Conv reading the graph input computed wrong values on
      // SwiftShader for 6 → 4, 8, 12 or 16 and 18 → 8 channels (see docs/transforms.md).
      const provider = { name: 'webgpu' as const, preferredLayout: 'NCHW' as const, device: found?.device };
      const create = () =>
        ort.InferenceSession.create(model(), { executionProviders: [provider], graphOptimizationLevel: 'all' });
      const session = await around(() => (isNode ? withBaselineCompile(create) : create()));
      return ortRunner(ort, session, around);
    },
  };
}
