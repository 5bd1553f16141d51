import { type BackendName, invalidArgument, LicoError } from '@lico/core';
import { FactorizedPrior, type FactorizedPriorParameters } from '@lico/entropy-models';
import type { Quantizer } from '@lico/quantizers';
import { disposeTransformSessions, type FloatTensor, floatTensor, nchwOf } from '@lico/transforms';
import type { Architecture, ArchitectureSizes } from './architectures/architecture.js';
import type { ArchitectureName } from './architectures/names.js';
import { convertParameterNetworks } from './calibration/calibrate.js';
import { defaultCalibrationImages } from './calibration/default-images.js';
import { ConditionalModels } from './coding/conditionals.js';
import { autoregressiveCoder, checkerboardCoder } from './coding/context-coders.js';
import { factorizedCoder } from './coding/factorized-coder.js';
import { hyperpriorCoder } from './coding/hyperprior-coder.js';
import { type IntegerNetworks, integerRoles, MODULE_NAMES } from './coding/integer-networks.js';
import type { CoderParts, LatentCoder } from './coding/latent-coder.js';
import type { Shape3 } from './coding/side-information.js';
import { runTransform } from './coding/transforms.js';
import type { LatentRefiner, RefinementInput } from './latent-refiner.js';
import { architectureWeights } from './weights/architecture-weights.js';
import { encodeModelWeights } from './weights/lico-weights.js';
import type { WeightMap } from './weights/weight-tensor.js';

/** What a model is: its architecture and sizes, and (trained models) the quality and λ it was trained for. */
export interface ModelInfo extends ArchitectureSizes {
  readonly architecture: ArchitectureName;
  /** CompressAI's quality index (1 to 8), when known. */
  readonly quality?: number;
  /** The rate-distortion trade-off λ it was trained with (L = λ·255²·MSE + bpp), when known. */
  readonly lambda?: number;
}

/** Where a model runs: `native`, `wasm`, `webgpu` or `js` (transforms on ONNX Runtime, integer kernels on Lico's backend). */
export interface ModelRunOptions {
  /** Default: native, then wasm for the transforms, and the best started Lico backend for the integer kernels. */
  readonly backend?: BackendName;
}

/** Options of {@link CompressionModel.compress} and {@link CompressionModel.decompress}. */
export interface CompressOptions extends ModelRunOptions {
  /**
   * How y is quantized (default: uniform, step 1). Gaussian models take uniform, dead-zone and
   * TCQ quantizers (cheng2020: scalar ones only); the mixture of `lico-checkerboard-gmm` and
   * the factorized prior take the uniform one only. The decoder must be given the same.
   */
  readonly quantizer?: Quantizer;
  /**
   * Changes y = g_a(image) before it is coded (compress only; decoders need nothing), e.g.
   * `@lico/train`'s `latentRefiner`. It is tuned for the uniform quantizer the models are trained for.
   */
  readonly refine?: LatentRefiner;
}

/** The sizes a decoder needs: the image's, and y's and z's `[C, H, W]`. */
export interface LatentShapes {
  readonly image: readonly [height: number, width: number];
  readonly y: Shape3;
  /** Absent for `bmshj2018-factorized`. */
  readonly z?: Shape3;
}

/** A compressed image: the entropy-coded streams, in coding order, and the shapes they decode to. */
export interface CompressedImage {
  readonly streams: readonly Uint8Array[];
  readonly shapes: LatentShapes;
}

/** What {@link CompressionModel.compress} gives: the streams, the shapes, and ŷ as the decoder will rebuild it. */
export interface CompressResult extends CompressedImage {
  readonly yHat: FloatTensor;
}

const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/** A refiner's y, checked to be a float32 tensor of the shape it was given. */
async function refined(refine: LatentRefiner, input: RefinementInput): Promise<FloatTensor> {
  const y = await refine(input);
  if (
    !(y?.data instanceof Float32Array) ||
    y.dims.join() !== input.y.dims.join() ||
    y.data.length !== input.y.data.length
  )
    invalidArgument('refine', `a function returning float32 y of shape [${input.y.dims.join(', ')}]`, y?.dims);
  return y;
}

/**
 * A learned image codec: an architecture's float transforms (run through ONNX Runtime on the
 * chosen backend), its integer parameter networks (identical on every backend), a quantizer
 * and the entropy coder. Images are float32 NCHW tensors with values in [0, 1]; y is float32
 * NCHW at 1/16 of the image size. Make one with `createModel` (random weights),
 * `importCheckpoint` (a CompressAI checkpoint) or `loadModel` (a Lico weights file).
 */
export class CompressionModel {
  readonly #architecture: Architecture;
  readonly #prior: FactorizedPriorParameters;
  readonly #info: Pick<ModelInfo, 'quality' | 'lambda'>;
  readonly #conditionals: ConditionalModels;
  #networks: IntegerNetworks | undefined;
  #builtPrior: Promise<FactorizedPrior> | undefined;

  constructor(
    architecture: Architecture,
    prior: FactorizedPriorParameters,
    info: Pick<ModelInfo, 'quality' | 'lambda'> = {},
    networks?: IntegerNetworks,
  ) {
    this.#architecture = architecture;
    this.#prior = prior;
    // Only what is known: an absent quality or λ stays absent (metadata, reports).
    this.#info = Object.fromEntries(Object.entries(info).filter(([, value]) => value !== undefined));
    this.#conditionals = new ConditionalModels(architecture);
    this.#networks = integerRoles(architecture.entropy).length === 0 ? {} : networks;
  }

  /** The architecture, sizes, quality and λ. */
  get info(): ModelInfo {
    return { architecture: this.#architecture.name, ...this.#architecture.sizes, ...this.#info };
  }

  /** The architecture: its float module tree (`g_a`, `g_s`, `h_a`, …) and entropy scheme. */
  get architecture(): Architecture {
    return this.#architecture;
  }

  /** The integer parameter networks, once calibrated or loaded (`{}` for `bmshj2018-factorized`). */
  get integerNetworks(): IntegerNetworks | undefined {
    return this.#networks;
  }

  /**
   * Converts the parameter networks to integers, calibrated on `images` (RGB tensors in
   * [0, 1], default: the four crops shipped in `calibration/`). Every encoder and decoder of a
   * stream must use the same integer networks: save them with {@link toSafetensors}.
   */
  async calibrate(images?: readonly FloatTensor[], options: ModelRunOptions = {}): Promise<this> {
    if (integerRoles(this.#architecture.entropy).length === 0) return this;
    const calibration = images ?? (await defaultCalibrationImages());
    this.#networks = await convertParameterNetworks(this.#architecture, this.#prior, calibration, options.backend);
    return this;
  }

  /** y = g_a(image): float32 `[N, M, ⌈H/16⌉, ⌈W/16⌉]` (the image is padded by replicating its edge). */
  async analysis(image: FloatTensor, options: ModelRunOptions = {}): Promise<FloatTensor> {
    const [, channels] = nchwOf(image, 'image');
    if (channels !== 3) invalidArgument('image', 'an RGB tensor [N, 3, H, W]', image.dims);
    return runTransform(this.#architecture.modules.gA, image, options.backend);
  }

  /** g_s(ŷ) cropped to `outputSize` (default 16 × y's size); not clamped. */
  async synthesis(
    yHat: FloatTensor,
    options: ModelRunOptions & { readonly outputSize?: readonly [number, number] } = {},
  ): Promise<FloatTensor> {
    const { outputSize } = options;
    return runTransform(this.#architecture.modules.gS, yHat, options.backend, outputSize ? { outputSize } : {});
  }

  /** Compresses one image (`[1, 3, H, W]`, any size): the streams, their shapes, and ŷ. */
  async compress(image: FloatTensor, options: CompressOptions = {}): Promise<CompressResult> {
    const [count, , height, width] = nchwOf(image, 'image');
    if (count !== 1) invalidArgument('image', 'one image, [1, 3, H, W]', image.dims);
    const analysed = await this.analysis(image, options);
    const y = options.refine ? await refined(options.refine, { image, y: analysed, model: this }) : analysed;
    const yShape: Shape3 = [y.dims[1], y.dims[2], y.dims[3]];
    const coded = await this.#coder().compress(y.data, yShape, options);
    return {
      streams: coded.streams,
      shapes: { image: [height, width], y: yShape, ...(coded.zShape ? { z: coded.zShape } : {}) },
      yHat: floatTensor(coded.yHat, [1, ...yShape]),
    };
  }

  /** Decodes ŷ (`[1, M, h, w]`) from the streams, on any backend: exactly what the encoder had. */
  async decodeLatents(compressed: CompressedImage, options: CompressOptions = {}): Promise<FloatTensor> {
    const coder = this.#coder();
    const { streams, shapes } = compressed;
    if (!Array.isArray(streams) || streams.length !== coder.streams.length) {
      invalidArgument('compressed.streams', `${coder.streams.length} streams (${coder.streams.join(', ')})`, streams);
    }
    const yShape = this.#checkShapes(shapes);
    const yHat = await coder.decompress(streams, yShape, shapes.z, options);
    return floatTensor(yHat, [1, ...yShape]);
  }

  /** Decodes an image (`[1, 3, H, W]`, values clamped to [0, 1]). */
  async decompress(compressed: CompressedImage, options: CompressOptions = {}): Promise<FloatTensor> {
    const yHat = await this.decodeLatents(compressed, options);
    const image = await this.synthesis(yHat, { ...options, outputSize: compressed.shapes.image });
    return floatTensor(
      image.data.map((v) => Math.min(Math.max(v, 0), 1)),
      image.dims,
    );
  }

  /**
   * The shapes of the latents of a `height` × `width` image: y `[M, ⌈H/16⌉, ⌈W/16⌉]` and z
   * `[N, ⌈h/4⌉, ⌈w/4⌉]` (none for `bmshj2018-factorized`). A decoder that knows the image size
   * (a Lico file's header) needs nothing else to decode the streams.
   */
  latentShapes(height: number, width: number): LatentShapes {
    const { N, M } = this.#architecture.sizes;
    const y: Shape3 = [M, ceilDiv(height, 16), ceilDiv(width, 16)];
    if (this.#architecture.entropy === 'factorized') return { image: [height, width], y };
    return { image: [height, width], y, z: [N, ceilDiv(y[1], 4), ceilDiv(y[2], 4)] };
  }

  /** The float weights under CompressAI's names (trained tensors only; derived buffers are left out). */
  weights(): WeightMap {
    return architectureWeights(this.#architecture, this.#prior);
  }

  /**
   * The model as a Lico weights file (safetensors): float tensors (float32, or float16 for half
   * the size) with CompressAI's names, the integer networks as int32 tensors, and metadata
   * (docs/models.md). Calibrate first (models that have parameter networks).
   */
  toSafetensors(options: { floatDtype?: 'F32' | 'F16' } = {}): Uint8Array {
    return encodeModelWeights(this.info, this.weights(), this.#requireNetworks(), options.floatDtype);
  }

  /** Releases the ONNX Runtime sessions of the model's transforms. */
  async dispose(): Promise<void> {
    const { gA, gS, hA } = this.#architecture.modules;
    await Promise.all([gA, gS, hA].map((layer) => layer && disposeTransformSessions(layer)));
  }

  #requireNetworks(): IntegerNetworks {
    if (!this.#networks) {
      const names = integerRoles(this.#architecture.entropy).map((role) => MODULE_NAMES[role]);
      throw new LicoError(
        'LICO_INVALID_ARGUMENT',
        `${this.#architecture.name} codes with integer networks (${names.join(', ')}) that are not converted yet; call calibrate() first`,
      );
    }
    return this.#networks;
  }

  #coder(): LatentCoder {
    const parts: CoderParts = {
      architecture: this.#architecture,
      networks: this.#requireNetworks(),
      conditionals: this.#conditionals,
      prior: (backend) => {
        this.#builtPrior ??= (async () => {
          const prior = new FactorizedPrior(this.#prior);
          await prior.update(backend);
          return prior;
        })();
        this.#builtPrior.catch(() => (this.#builtPrior = undefined));
        return this.#builtPrior;
      },
    };
    switch (this.#architecture.entropy) {
      case 'factorized':
        return factorizedCoder(parts);
      case 'scale-hyperprior':
      case 'mean-scale-hyperprior':
        return hyperpriorCoder(parts);
      case 'autoregressive':
        return autoregressiveCoder(parts);
      default:
        return checkerboardCoder(parts);
    }
  }

  /** y's shape for the image's size, checked against the given shapes. */
  #checkShapes(shapes: LatentShapes): Shape3 {
    const [height, width] = shapes?.image ?? [];
    if (!(Number.isInteger(height) && Number.isInteger(width) && height > 0 && width > 0)) {
      invalidArgument('compressed.shapes.image', '[height, width] of positive integers', shapes?.image);
    }
    const { y, z } = this.latentShapes(height, width);
    const same = (a: readonly number[] | undefined, b: readonly number[] | undefined) =>
      a === b || (a !== undefined && b !== undefined && a.length === b.length && a.every((v, i) => v === b[i]));
    if (!same(shapes.y, y) || !same(shapes.z, z)) {
      invalidArgument(
        'compressed.shapes',
        `y ${JSON.stringify(y)}${z ? ` and z ${JSON.stringify(z)}` : ''} for a ${height}×${width} image`,
        JSON.stringify({ y: shapes.y, z: shapes.z }),
      );
    }
    return y;
  }
}
