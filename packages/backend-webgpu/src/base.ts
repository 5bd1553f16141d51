export { createWebGpuBackend } from './create-backend.js';
export { registerWebGpuKernels, webGpuKernels } from './register-kernels.js';
export type { WebGpuBackend, WebGpuBackendOptions } from './webgpu-backend.js';
