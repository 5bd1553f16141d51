import type { Backend } from '@lico/core';
import { loadAddon, type NativeAddon } from './addon.js';

/** The started native backend: the loaded addon is what its kernels call. */
export interface NativeBackend extends Backend {
  readonly name: 'native';
  readonly addon: NativeAddon;
}

/** Starts the native backend; throws, saying how to build the addon, when it cannot load. */
export function createNativeBackend(): NativeBackend {
  const addon = loadAddon();
  const { simd, threads } = addon.info();
  return {
    name: 'native',
    description: `native (${simd}, ${threads} thread${threads === 1 ? '' : 's'})`,
    addon,
    recycle: (output) => addon.recycleOutput(output),
  };
}

export { nativeKernels, registerNativeKernels } from './register-kernels.js';
