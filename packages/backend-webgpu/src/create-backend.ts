import { LicoError } from '@lico/core';
import { resolveOptions, WebGpuBackend, type WebGpuBackendOptions } from './webgpu-backend.js';

const isNode = typeof process !== 'undefined' && typeof process.versions?.node === 'string';

/** What to do when no adapter is found, by where we run. */
const FIXES = isNode
  ? "install a GPU driver with Vulkan (Linux: the libvulkan1 package and a driver such as mesa-vulkan-drivers), Metal (macOS) or D3D12 (Windows); on Linux without a GPU, install Chromium (Debian: the chromium package), whose SwiftShader software driver this backend falls back to, or set VK_ICD_FILENAMES to another driver's ICD file; check that the optional 'webgpu' package is installed"
  : 'use a browser with WebGPU enabled (Chrome or Edge 113+, Safari 26+, Firefox 141+), on a secure (https) page';

function adapterName(info: GPUAdapterInfo | undefined): string {
  if (info?.architecture === 'swiftshader') return 'SwiftShader';
  return info?.description || [info?.vendor, info?.architecture].filter(Boolean).join(' ') || 'unnamed adapter';
}

/**
 * Starts the webgpu backend: `navigator.gpu` where there is one (browsers, Deno), else Dawn
 * through the `webgpu` package in Node, falling back to SwiftShader on Linux. Throws
 * `LICO_BACKEND_UNAVAILABLE` naming everything it tried, and how to fix it, when no adapter is found.
 * The registry starts it with the default options; call it directly for others, and pass the
 * backend object to `runKernel`.
 * @example
 * ```ts
 * import { createWebGpuBackend } from '@lico/backend-webgpu';
 * const backend = await createWebGpuBackend({ maxChunkSymbols: 1 << 20 });
 * console.log(backend.description);
 * backend.dispose();
 * ```
 */
export async function createWebGpuBackend(options: WebGpuBackendOptions = {}): Promise<WebGpuBackend> {
  const resolved = resolveOptions(options);
  const tried: string[] = [];
  let adapter: GPUAdapter | null | undefined;
  let description: string;
  let keepAlive: GPU | undefined;
  const browserGpu = (globalThis as { navigator?: { gpu?: GPU } }).navigator?.gpu;
  if (browserGpu) {
    adapter = await browserGpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) tried.push('navigator.gpu.requestAdapter() returned no adapter');
    description = `webgpu (${adapterName(adapter?.info)})`;
  } else if (isNode) {
    const { requestNodeAdapter } = await import('#node-gpu');
    const found = await requestNodeAdapter(tried);
    adapter = found?.adapter;
    keepAlive = found?.gpu;
    description = `webgpu (${adapterName(adapter?.info)}${found?.vulkanFallback ? ' Vulkan' : ''} via Dawn)`;
  } else {
    tried.push('this runtime has no navigator.gpu');
    description = 'webgpu';
  }
  if (!adapter) {
    throw new LicoError('LICO_BACKEND_UNAVAILABLE', `no WebGPU adapter found (${tried.join('; ')}); to fix: ${FIXES}`);
  }
  // Ask for the adapter's largest buffers: the defaults (128/256 MiB) are often below what it has.
  const device = await adapter.requestDevice({
    label: 'lico',
    requiredLimits: {
      maxStorageBufferBindingSize: adapter.limits.maxStorageBufferBindingSize,
      maxBufferSize: adapter.limits.maxBufferSize,
    },
  });
  return new WebGpuBackend(device, description, resolved, keepAlive);
}
