import { type Backend, invalidArgument, LicoError } from '@lico/core';
import type { WebGpuProgram } from './webgpu-program.js';

/** How the webgpu backend cuts work; the defaults suit every device. */
export interface WebGpuBackendOptions {
  /**
   * Most symbols one dispatch codes (default 2^22). It bounds each per-call GPU buffer (4 bytes a
   * symbol, 16 MiB by default, well below WebGPU's smallest 128 MiB binding) and how long one
   * dispatch runs, which GPU watchdogs limit. Lower it if a driver resets during long calls.
   */
  readonly maxChunkSymbols?: number;
}

const DEFAULT_MAX_CHUNK_SYMBOLS = 1 << 22;

/** Checks options and fills in the defaults. */
export function resolveOptions(options: WebGpuBackendOptions): Required<WebGpuBackendOptions> {
  const maxChunkSymbols = options?.maxChunkSymbols ?? DEFAULT_MAX_CHUNK_SYMBOLS;
  if (!Number.isInteger(maxChunkSymbols) || maxChunkSymbols < 1) {
    invalidArgument('options.maxChunkSymbols', 'a positive integer', maxChunkSymbols);
  }
  return { maxChunkSymbols };
}

/** The started webgpu backend: one device and the compute pipelines built on it, by shader key. */
export class WebGpuBackend implements Backend {
  readonly name = 'webgpu';
  private readonly pipelines = new Map<string, Promise<GPUComputePipeline>>();
  /** Why the device was lost, if the driver lost it (not when disposed). */
  private lostReason?: string;

  /**
   * @param gpu - in Node, the object from Dawn's `create()`: Dawn's instance lives only as long
   *   as it is referenced, so the backend holds it for as long as it holds the device.
   */
  constructor(
    readonly device: GPUDevice,
    readonly description: string,
    readonly options: Required<WebGpuBackendOptions>,
    readonly gpu?: GPU,
  ) {
    void device.lost.then((info) => {
      if (info.reason !== 'destroyed') this.lostReason = info.message || 'no reason given';
    });
  }

  /** The pipeline of a program, compiled on first use; a program that fails to compile is not kept. */
  pipeline(program: WebGpuProgram): Promise<GPUComputePipeline> {
    let pipeline = this.pipelines.get(program.shaderKey);
    if (!pipeline) {
      pipeline = this.device
        .createComputePipelineAsync({
          label: program.shaderKey,
          layout: 'auto',
          compute: { module: this.device.createShaderModule({ label: program.shaderKey, code: program.source() }) },
        })
        .catch((error: unknown) => {
          this.pipelines.delete(program.shaderKey);
          throw new LicoError(
            'LICO_INTERNAL',
            `the WGSL program ${program.shaderKey} did not compile: ${error instanceof Error ? error.message : error}`,
          );
        });
      this.pipelines.set(program.shaderKey, pipeline);
    }
    return pipeline;
  }

  /** Throws if the device can no longer run work. */
  assertUsable(): void {
    if (this.lostReason !== undefined) {
      throw new LicoError(
        'LICO_BACKEND_UNAVAILABLE',
        `the webgpu device was lost (${this.lostReason}); call disposeBackend('webgpu') and start it again`,
      );
    }
  }

  dispose(): void {
    this.pipelines.clear();
    this.device.destroy();
  }
}

/** The backend a webgpu kernel was handed, checked to be this package's and still usable. */
export function asWebGpuBackend(backend: Backend): WebGpuBackend {
  if (!(backend instanceof WebGpuBackend)) {
    throw new LicoError(
      'LICO_INTERNAL',
      `a webgpu kernel was run on backend '${backend?.name}', which is not @lico/backend-webgpu's; start it with getBackend('webgpu')`,
    );
  }
  backend.assertUsable();
  return backend;
}
