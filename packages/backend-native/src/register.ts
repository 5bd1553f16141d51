import { registerBackend } from '@lico/core';
import { createNativeBackend, registerNativeKernels } from './base.js';

registerBackend('native', createNativeBackend, 300);
registerNativeKernels();
