/**
 * Buffer usage and map mode flags. Their values are fixed by the WebGPU specification; naming
 * them here avoids the `GPUBufferUsage` / `GPUMapMode` globals, which browsers define but the
 * `webgpu` package for Node does not install unless the caller copies them onto globalThis.
 */
export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

export const MapMode = { READ: 0x0001 } as const;
