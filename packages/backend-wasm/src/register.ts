import { registerBackend } from '@lico/core';
import { createWasmBackend, registerWasmKernels } from './base.js';

registerBackend('wasm', createWasmBackend, 200);
registerWasmKernels();
