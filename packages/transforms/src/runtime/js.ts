import type { Provider } from './provider.js';

/** `js`: the layers' own TypeScript forward (the reference); no ONNX involved. */
export function startJs(): Provider {
  return {
    backend: 'js',
    description: 'TypeScript reference (layer.forward)',
    async createRunner(layer) {
      return { run: async (input) => layer.forward(input), release: async () => {} };
    },
  };
}
