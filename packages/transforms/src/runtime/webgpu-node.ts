/**
 * What onnxruntime-web's webgpu EP needs to run in Node on Dawn (the `webgpu` package), found
 * by trying it (docs/transforms.md has the measurements):
 * 1. `navigator.gpu` must exist (the EP checks for it even when given a device) and the global
 *    `GPUDevice` must be the device's class (it checks `device instanceof GPUDevice`).
 * 2. Dawn's `queue.writeBuffer` rejects views of a SharedArrayBuffer, and the EP writes
 *    straight from its (shared) WebAssembly heap: such views are copied first.
 * 3. V8 optimizes the EP's 26 MB asyncify build in the background for about 40 s of CPU
 *    (2 cores), and until that ends the session start stalls (unless timers keep the event loop
 *    turning) and the process cannot exit. With `--liftoff-only` while the module compiles, it
 *    starts in about a second and nothing is left running; the flag is cleared right after.
 * 4. Dawn settles its promises from the event loop: a timer keeps it turning during each call.
 */

type Queue = {
  writeBuffer(buffer: unknown, offset: unknown, data: unknown, dataOffset?: number, size?: number): unknown;
};
type Device = { queue: Queue; constructor: unknown };

const patched = new WeakSet<object>();

/** Copies views of shared memory before Dawn's `writeBuffer` sees them. */
function copySharedWrites(queue: Queue): void {
  if (patched.has(queue)) return;
  patched.add(queue);
  const write = queue.writeBuffer.bind(queue);
  queue.writeBuffer = (buffer: unknown, offset: unknown, data: unknown, dataOffset?: number, size?: number) => {
    if (
      ArrayBuffer.isView(data) &&
      typeof SharedArrayBuffer !== 'undefined' &&
      data.buffer instanceof SharedArrayBuffer
    ) {
      const element = (data as unknown as { BYTES_PER_ELEMENT?: number }).BYTES_PER_ELEMENT ?? 1;
      const start = (dataOffset ?? 0) * element;
      const length = size === undefined ? data.byteLength - start : size * element;
      const copy = new Uint8Array(length);
      copy.set(new Uint8Array(data.buffer, data.byteOffset + start, length));
      return write(buffer, offset, copy);
    }
    return dataOffset === undefined ? write(buffer, offset, data) : write(buffer, offset, data, dataOffset, size);
  };
}

/** Installs `navigator.gpu` and `GPUDevice` where Node lacks them, and the write fix on the device. */
export function prepareNodeGlobals(device: object, gpu: object | undefined): void {
  const global = globalThis as { navigator?: { gpu?: unknown }; GPUDevice?: unknown };
  if (global.navigator === undefined) {
    Object.defineProperty(globalThis, 'navigator', { value: {}, configurable: true, writable: true });
  }
  const navigator = global.navigator as { gpu?: unknown };
  if (!navigator.gpu) {
    if (!gpu) {
      throw new Error(
        "in Node, the webgpu provider needs Dawn's GPU object as well as a device: pass Lico's webgpu backend (await getBackend('webgpu') after importing '@lico/backend-webgpu') instead of a bare device",
      );
    }
    Object.defineProperty(navigator, 'gpu', { value: gpu, configurable: true, writable: true });
  }
  if (global.GPUDevice === undefined) global.GPUDevice = (device as Device).constructor;
  copySharedWrites((device as Device).queue);
}

let compiled = false;

/** Runs `work` (the first session start, which compiles the EP's WebAssembly) with V8's `--liftoff-only`. */
export async function withBaselineCompile<T>(work: () => Promise<T>): Promise<T> {
  if (compiled) return work();
  let v8: { setFlagsFromString(flags: string): void } | undefined;
  try {
    v8 = await import(/* @vite-ignore */ ['node', 'v8'].join(':'));
    v8?.setFlagsFromString('--liftoff-only');
  } catch {
    v8 = undefined;
  }
  try {
    const result = await work();
    compiled = true;
    return result;
  } finally {
    v8?.setFlagsFromString('--no-liftoff-only');
  }
}

/** Runs `work` with a 1 ms timer active, so that Dawn's promises settle promptly. */
export async function keepingEventLoopBusy<T>(work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {}, 1);
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}
