// Registers every backend Lico ships; each one that cannot start here says why when asked.
import '@lico/backend-js';
import '@lico/backend-native';
import '@lico/backend-wasm';
import '@lico/backend-webgpu';

/** The backends the CLI knows, in the order reports list them. */
export const BACKEND_NAMES = ['js', 'native', 'wasm', 'webgpu'] as const;
