import { registerBackend } from '@lico/core';
import { createJsBackend, registerJsKernels } from './base.js';

registerBackend('js', createJsBackend, 100);
registerJsKernels();
