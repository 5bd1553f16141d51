import { checkQuantizer } from './conditionals.js';
import type { CoderParts, LatentCoder } from './latent-coder.js';
import { STREAM_NAMES } from './stream-names.js';

/** `bmshj2018-factorized`: y rounded around each channel's median and coded with the factorized prior. */
export function factorizedCoder(parts: CoderParts): LatentCoder {
  return {
    streams: STREAM_NAMES.factorized,
    async compress(y, yShape, { backend, quantizer }) {
      checkQuantizer(parts.architecture, quantizer);
      const prior = await parts.prior(backend);
      const { stream, reconstruction } = await prior.compress(y, yShape, backend);
      return { streams: [stream], yHat: reconstruction };
    },
    async decompress([stream], yShape, _zShape, { backend, quantizer }) {
      checkQuantizer(parts.architecture, quantizer);
      return (await parts.prior(backend)).decompress(stream, yShape, backend);
    },
  };
}
