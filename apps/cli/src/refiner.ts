import type { LatentRefiner } from '@lico/models';
import { latentRefiner, setTrainBackend } from '@lico/train';
import type { StageProgress } from './codec-command.js';

/**
 * `--refine N` and `lico-refined`: y refined by N gradient steps (`@lico/train`'s
 * `latentRefiner`) on the native training backend, for `lambda` (default: the model's own), each
 * iteration reported to `onProgress`.
 */
export function nativeRefiner(
  options: { readonly iterations: number; readonly lambda?: number },
  onProgress?: (progress: StageProgress) => void,
): LatentRefiner {
  const refine = latentRefiner({
    ...options,
    onIteration: (step, steps) => onProgress?.({ stage: 'refine', step, steps }),
  });
  return async (input) => {
    await setTrainBackend('native');
    return refine(input);
  };
}
