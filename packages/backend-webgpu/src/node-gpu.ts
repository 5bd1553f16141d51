import { existsSync } from 'node:fs';
import { constants } from 'node:os';
import { dirname, join } from 'node:path';

/** Where Linux packages of Chromium and Chrome put SwiftShader's Vulkan driver (ICD) file. */
const SWIFTSHADER_DIRS = ['/usr/lib/chromium', '/usr/lib64/chromium-browser', '/opt/google/chrome'];
const SWIFTSHADER_ICD = 'vk_swiftshader_icd.json';
/** glibc's and musl's RTLD_NODELETE, which Node's os.constants.dlopen does not list. */
const RTLD_NODELETE = 0x1000;

/** A GPU adapter found through Dawn, and how. */
export interface NodeAdapter {
  readonly adapter: GPUAdapter;
  /** The object Dawn's instance lives as long as; dropping it lets Node exit. */
  readonly gpu: GPU;
  /** Found by the fallback to a named or SwiftShader Vulkan driver: the adapter runs on Vulkan. */
  readonly vulkanFallback: boolean;
}

type Dawn = typeof import('webgpu');

async function loadDawn(tried: string[]): Promise<Dawn | undefined> {
  // A variable specifier keeps bundlers from pulling Dawn's native addon into browser builds.
  const specifier = 'webgpu';
  try {
    return (await import(specifier)) as Dawn;
  } catch (error) {
    tried.push(`the 'webgpu' package (Dawn for Node) did not load: ${error instanceof Error ? error.message : error}`);
    return undefined;
  }
}

/** The Vulkan driver (ICD) file to fall back to: the one VK_ICD_FILENAMES names, else SwiftShader's. */
function fallbackIcd(): string | undefined {
  const named = process.env.VK_ICD_FILENAMES ?? process.env.VK_DRIVER_FILES;
  if (named) return named;
  return SWIFTSHADER_DIRS.map((dir) => join(dir, SWIFTSHADER_ICD)).find((file) => existsSync(file));
}

/**
 * Loads the Vulkan loader that Chromium ships next to its SwiftShader driver, for systems without
 * one (no libvulkan1): Dawn opens `libvulkan.so.1` by name, and the dynamic linker reuses a
 * library already loaded under that name. NODELETE keeps it loaded after Node's dlopen rejects it
 * for not being a Node addon. Returns the loader's path, if there was one to load.
 */
function preloadVulkanLoader(icd: string): string | undefined {
  const loader = [dirname(icd.split(':')[0]), ...SWIFTSHADER_DIRS]
    .map((dir) => join(dir, 'libvulkan.so.1'))
    .find((file) => existsSync(file));
  if (!loader) return undefined;
  try {
    process.dlopen({ exports: {} }, loader, constants.dlopen.RTLD_NOW | constants.dlopen.RTLD_GLOBAL | RTLD_NODELETE);
  } catch {
    // Expected: the library loaded, but it is not a Node addon.
  }
  return loader;
}

/**
 * Finds an adapter through Dawn: first with the system's own drivers; then, on Linux, again with
 * the Vulkan driver VK_ICD_FILENAMES names or else the SwiftShader software driver that Chromium
 * installs, and with Chromium's Vulkan loader where the system has none, so machines without a
 * GPU (CI) still run. VK_ICD_FILENAMES is set only while the adapter is requested, and only when
 * it was unset.
 */
export async function requestNodeAdapter(tried: string[]): Promise<NodeAdapter | undefined> {
  const dawn = await loadDawn(tried);
  if (!dawn) return undefined;
  const gpu = dawn.create([]);
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (adapter) return { adapter, gpu, vulkanFallback: false };
  tried.push("Dawn found no adapter with the system's drivers");

  if (process.platform !== 'linux') return undefined;
  const icd = fallbackIcd();
  if (!icd) {
    tried.push(`no SwiftShader Vulkan driver (${SWIFTSHADER_ICD}) in ${SWIFTSHADER_DIRS.join(', ')}`);
    return undefined;
  }
  const unset = process.env.VK_ICD_FILENAMES === undefined && process.env.VK_DRIVER_FILES === undefined;
  if (unset) process.env.VK_ICD_FILENAMES = icd;
  try {
    const loader = preloadVulkanLoader(icd);
    const retry = dawn.create([]);
    const fallback = await retry.requestAdapter();
    if (fallback) return { adapter: fallback, gpu: retry, vulkanFallback: true };
    tried.push(
      `Dawn found no adapter with the Vulkan driver ${icd}${loader ? ` and the Vulkan loader ${loader}` : ''}`,
    );
    return undefined;
  } finally {
    if (unset) delete process.env.VK_ICD_FILENAMES;
  }
}
