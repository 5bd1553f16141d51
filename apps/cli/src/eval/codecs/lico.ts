import { type BackendName, invalidArgument, LicoError } from '@lico/core';
import { type ArchitectureName, decode, encode, packagedWeights, type WeightsRegistry } from '@lico/models';
import { nativeRefiner } from '../../refiner.js';
import type { Codec } from '../codec.js';

/** Options of {@link licoEvalCodec}. */
export interface LicoEvalCodecOptions {
  /** The name in results and on the command line (`lico`). */
  readonly name: string;
  readonly model: ArchitectureName;
  /** Where the trained weights are (default: the ones shipped with `@lico/models`). */
  readonly registry?: WeightsRegistry;
  /** The backend that encodes and decodes (default: the codec's default). */
  readonly backend?: BackendName;
  /** Gradient steps that refine y per image before coding (`lico encode --refine`; default none). */
  readonly refine?: number;
}

/**
 * A Lico model as a codec of `lico eval`: each trained rate point of `model` in the registry is a
 * quality. It encodes to a Lico file in memory (the bytes `lico encode` would store) and decodes
 * that file; times are the encode and decode calls, weights loading excluded (a warm-up encode
 * per quality loads them first).
 */
export async function licoEvalCodec(options: LicoEvalCodecOptions): Promise<Codec> {
  const { name, model, backend } = options;
  const registry = options.registry ?? packagedWeights();
  // Results are committed: the shipped registry is named, not the path it has on this machine.
  const where = options.registry ? registry.location : '@lico/models (weights/index.json)';
  const entries = (await registry.entries())
    .filter((entry) => entry.model === model)
    .sort((a, b) => a.quality - b.quality);
  const qualities = entries.map((entry) => entry.quality);
  const entryOf = (quality: number) => {
    const entry = entries.find((e) => e.quality === quality);
    if (!entry) invalidArgument(`${name} quality`, `one of the trained rate points (${qualities.join(', ')})`, quality);
    return entry;
  };
  const weights = new Map<number, Promise<Uint8Array>>();
  const weightsOf = (quality: number) => {
    const entry = entryOf(quality);
    let bytes = weights.get(quality);
    if (!bytes) {
      bytes = registry.read(entry).then(async (read) => {
        // Loads and calibrates the model once, outside the timed calls.
        await encode({ width: 1, height: 1, channels: 3, data: new Uint8Array(3) }, { weights: read, backend });
        return read;
      });
      weights.set(quality, bytes);
    }
    return bytes;
  };
  return {
    name,
    description: `Lico ${model}, trained weights of ${where} (λ ${entries.map((e) => `${e.quality}: ${e.lambda}`).join(', ')}), uniform quantizer${options.refine ? `, y refined by ${options.refine} gradient steps per image (--refine ${options.refine})` : ''}, backend ${backend ?? 'default'}`,
    qualityName: `quality (the trained rate points ${qualities.join(', ')}; higher is better)`,
    defaultQualities: qualities,
    checkQuality(quality) {
      if (!qualities.includes(quality))
        invalidArgument(
          `${name} quality`,
          `one of the trained rate points (${qualities.join(', ') || 'none'})`,
          quality,
        );
    },
    async version() {
      if (entries.length === 0)
        throw new LicoError(
          'LICO_UNSUPPORTED_MODEL',
          `no trained weights for ${model} in ${registry.location}: lico eval measures the trained rate points listed there`,
        );
      return `@lico/models ${model}, weights ${entries.map((e) => `q${e.quality} ${e.sha256.slice(0, 12)}`).join(', ')}`;
    },
    qualityVersion(quality) {
      return `q${quality} ${entryOf(quality).sha256}`;
    },
    async encode(image, quality) {
      const bytesOfWeights = await weightsOf(quality);
      const started = performance.now();
      // The λ of the registry's entry: the rate point the weights were trained for.
      const { lambda } = entryOf(quality);
      const refine = options.refine ? nativeRefiner({ iterations: options.refine, lambda }) : undefined;
      const bytes = await encode({ ...image, channels: 3 }, { weights: bytesOfWeights, backend, refine });
      const encoded = performance.now();
      const decoded = await decode(bytes, { weights: bytesOfWeights, backend });
      const done = performance.now();
      if (decoded.channels !== 3 || decoded.width !== image.width || decoded.height !== image.height)
        throw new LicoError(
          'LICO_INTERNAL',
          `${name} decoded a ${decoded.width}×${decoded.height}×${decoded.channels} image`,
        );
      return {
        bytes,
        decoded: { width: decoded.width, height: decoded.height, data: decoded.data },
        encodeSeconds: (encoded - started) / 1000,
        decodeSeconds: (done - encoded) / 1000,
      };
    },
  };
}
