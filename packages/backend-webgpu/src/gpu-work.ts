import { LicoError } from '@lico/core';
import { BufferUsage, MapMode } from './gpu-usage.js';
import type { WebGpuBackend } from './webgpu-backend.js';
import type { WebGpuProgram } from './webgpu-program.js';

const roundUp4 = (bytes: number) => Math.max(4, Math.ceil(bytes / 4) * 4);

/**
 * The GPU side of one kernel call: the buffers it creates (all destroyed by {@link destroy}) and
 * the error scopes around its GPU calls, so that a validation or out-of-memory error becomes a
 * LicoError instead of silently wrong numbers.
 */
export class GpuWork {
  private readonly buffers: GPUBuffer[] = [];
  private readonly scopes: Promise<GPUError | null>[] = [];
  private readonly device: GPUDevice;

  constructor(
    private readonly backend: WebGpuBackend,
    private readonly kernelName: string,
  ) {
    this.device = backend.device;
  }

  // Scopes wrap synchronous calls only: concurrent kernel calls on one device cannot interleave
  // inside them, so each error lands in the call that caused it.
  private scoped<T>(body: () => T): T {
    this.device.pushErrorScope('out-of-memory');
    this.device.pushErrorScope('validation');
    try {
      return body();
    } finally {
      this.scopes.push(this.device.popErrorScope(), this.device.popErrorScope());
    }
  }

  /** A storage buffer of at least `bytes` bytes that can be written and copied from. */
  storage(bytes: number): GPUBuffer {
    return this.create(bytes, BufferUsage.STORAGE | BufferUsage.COPY_DST | BufferUsage.COPY_SRC);
  }

  /** A uniform buffer of at least `bytes` bytes. */
  uniform(bytes: number): GPUBuffer {
    return this.create(bytes, BufferUsage.UNIFORM | BufferUsage.COPY_DST);
  }

  /** A buffer the CPU can map to read results back. */
  staging(bytes: number): GPUBuffer {
    return this.create(bytes, BufferUsage.MAP_READ | BufferUsage.COPY_DST);
  }

  private create(bytes: number, usage: number): GPUBuffer {
    const buffer = this.scoped(() =>
      this.device.createBuffer({ label: `${this.kernelName} (${bytes} bytes)`, size: roundUp4(bytes), usage }),
    );
    this.buffers.push(buffer);
    return buffer;
  }

  /** Copies `data` (its length a multiple of 4 bytes) to the start of `buffer`. */
  write(buffer: GPUBuffer, data: Uint8Array | Uint32Array | Int32Array): void {
    if (data.byteLength === 0) return;
    this.scoped(() => this.device.queue.writeBuffer(buffer, 0, data));
  }

  /**
   * Runs `program` once over `invocations` invocations with `bindings` at bindings 0, 1, …, then
   * copies each `[source, staging, bytes]` for reading back; all in one submission.
   */
  async run(
    program: WebGpuProgram,
    bindings: readonly GPUBuffer[],
    invocations: number,
    copies: readonly (readonly [GPUBuffer, GPUBuffer, number])[],
  ): Promise<void> {
    const pipeline = await this.backend.pipeline(program);
    this.scoped(() => {
      const bindGroup = this.device.createBindGroup({
        layout: pipeline.getBindGroupLayout(0),
        entries: bindings.map((buffer, binding) => ({ binding, resource: { buffer } })),
      });
      const encoder = this.device.createCommandEncoder({ label: program.shaderKey });
      const pass = encoder.beginComputePass();
      pass.setPipeline(pipeline);
      pass.setBindGroup(0, bindGroup);
      pass.dispatchWorkgroups(Math.ceil(invocations / program.workgroupSize));
      pass.end();
      for (const [source, staging, bytes] of copies) encoder.copyBufferToBuffer(source, 0, staging, 0, roundUp4(bytes));
      this.device.queue.submit([encoder.finish()]);
    });
  }

  /** Checks for GPU errors, then maps a staging buffer and copies its first `bytes` bytes out. */
  async read(staging: GPUBuffer, bytes: number): Promise<ArrayBuffer> {
    await this.check();
    try {
      await staging.mapAsync(MapMode.READ, 0, roundUp4(bytes));
    } catch (error) {
      // With no error in the scopes, a failed map means the device is gone.
      throw new LicoError(
        'LICO_BACKEND_UNAVAILABLE',
        `${this.kernelName} [webgpu]: could not read results back (${error instanceof Error ? error.message : error}); call disposeBackend('webgpu') and start it again`,
        { cause: error },
      );
    }
    try {
      return staging.getMappedRange(0, roundUp4(bytes)).slice(0, bytes);
    } finally {
      staging.unmap();
    }
  }

  private async check(): Promise<void> {
    const errors = await Promise.all(this.scopes.splice(0));
    const error = errors.find((e) => e !== null);
    if (!error) return;
    const outOfMemory = error.constructor.name === 'GPUOutOfMemoryError';
    throw new LicoError(
      outOfMemory ? 'LICO_LIMIT_EXCEEDED' : 'LICO_INTERNAL',
      `${this.kernelName} [webgpu]: the GPU reported ${outOfMemory ? 'out of memory' : 'an error'}: ${error.message}`,
    );
  }

  /** Destroys every buffer this call created. */
  destroy(): void {
    for (const buffer of this.buffers) buffer.destroy();
    this.buffers.length = 0;
  }
}
