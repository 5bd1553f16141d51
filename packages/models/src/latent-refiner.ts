import type { FloatTensor } from '@lico/transforms';
import type { CompressionModel } from './model.js';

/** What a {@link LatentRefiner} is given: the image, y = g_a(image), and the model that will code y. */
export interface RefinementInput {
  /** The image, float32 `[1, 3, H, W]` in [0, 1]. */
  readonly image: FloatTensor;
  /** g_a's output for it, `[1, M, ⌈H/16⌉, ⌈W/16⌉]`. */
  readonly y: FloatTensor;
  readonly model: CompressionModel;
}

/**
 * Changes y before it is coded, e.g. `@lico/train`'s `latentRefiner`, which lowers the
 * rate-distortion cost of the image by gradient descent on y. Only the encoder runs it: the
 * stream is an ordinary one and decoders need nothing. Returns a tensor of y's shape.
 */
export type LatentRefiner = (input: RefinementInput) => Promise<FloatTensor>;
