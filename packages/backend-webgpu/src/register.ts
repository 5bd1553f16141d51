import { registerBackend } from '@lico/core';
import { createWebGpuBackend, registerWebGpuKernels } from './base.js';

// Negative priority: a software adapter is far slower than the CPU backends, and a GPU pays a
// round trip per call, so webgpu runs only when asked for by name.
registerBackend('webgpu', createWebGpuBackend, -1);
registerWebGpuKernels();
