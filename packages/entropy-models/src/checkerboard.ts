import { invalidArgument } from '@lico/core';
import { toFixedLatents } from '@lico/quantizers';
import { type BackendChoice, type ConditionalEntropyModel, gatherPositions } from './conditional-model.js';
import type { GaussianParameters } from './gaussian-conditional.js';
import { concatChannels, type IntegerNetwork, type IntegerTensor } from './integer-network.js';

type Shape = readonly [number, number, number];

/** Anchors are the positions with an even `row + column`; they are coded first. */
export function isAnchor(row: number, column: number): boolean {
  return (row + column) % 2 === 0;
}

/** Row-major indexes, within one `H × W` plane, of its anchor or non-anchor positions. */
function planePositions(height: number, width: number, anchors: boolean): Int32Array {
  const out: number[] = [];
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++)
      if (isAnchor(row, column) === anchors) out.push(row * width + column);
  }
  return Int32Array.from(out);
}

/**
 * Indexes, within one `[C, H, W]` tensor, of its anchor or non-anchor positions: channel by
 * channel, each the plane's in {@link planePositions}' order, which is the order of the
 * parameters a pointwise network computes on those positions.
 */
function positions(shape: Shape, anchors: boolean): Int32Array {
  const [channels, height, width] = shape;
  const plane = planePositions(height, width, anchors);
  const out = new Int32Array(channels * plane.length);
  for (let c = 0; c < channels; c++) {
    for (let k = 0; k < plane.length; k++) out[c * plane.length + k] = c * height * width + plane[k];
  }
  return out;
}

/** The values at `at` of each channel of a tensor, as a `[C, 1, at.length]` tensor. */
function gatherPlane(tensor: IntegerTensor, at: Int32Array): IntegerTensor {
  const channels = tensor.shape[0];
  return { values: gatherPositions(tensor.values, at, channels), shape: [channels, 1, at.length] };
}

/**
 * Whether a network maps each position on its own (1×1 kernels, no shuffle): then it can run
 * on one pass's positions only.
 */
function isPointwise(network: IntegerNetwork): boolean {
  return network.layers.every(
    (layer) =>
      layer.kernelSize === 1 &&
      layer.stride === 1 &&
      layer.padding === 0 &&
      !layer.transposed &&
      (layer.pixelShuffle ?? 1) === 1,
  );
}

/** The two streams of a checkerboard-coded latent. */
export interface CheckerboardStreams {
  readonly anchors: Uint8Array;
  readonly nonAnchors: Uint8Array;
}

/**
 * The checkerboard context model (He et al., CVPR 2021), the default context of Lico: two
 * parallel passes instead of a raster scan. Anchors (even `row + column`) are coded with
 * parameters from the hyper features alone; the non-anchors with parameters that also see
 * the decoded anchors, through an integer context network over a tensor whose non-anchor
 * positions are zero (so an ordinary 5×5 kernel sees anchors only). Both the context network
 * and the parameter network are {@link IntegerNetwork}s: every backend derives the same
 * parameters. The parameter network takes `[hyper features; context features]` and returns
 * the conditional model's parameters in the latent fixed point (`[scales; means]` for a
 * {@link GaussianConditional}, means, scales and logits for a {@link GaussianMixtureConditional});
 * for anchors the context features are zeros.
 */
export class CheckerboardContext<P = GaussianParameters> {
  constructor(
    readonly contextNetwork: IntegerNetwork,
    readonly parameterNetwork: IntegerNetwork,
    readonly conditional: ConditionalEntropyModel<P>,
    /** Channels of the context network's output. */
    readonly contextChannels: number,
  ) {}

  private async parameters(hyper: IntegerTensor, context: IntegerTensor, backend: BackendChoice) {
    const output = await this.parameterNetwork.run(concatChannels(hyper, context), backend);
    return this.conditional.parametersFrom(output);
  }

  /** Parameters of the anchor pass, over the whole plane: from the hyper features alone. */
  anchorParameters(hyper: IntegerTensor, backend?: BackendChoice): Promise<P> {
    const [, height, width] = hyper.shape;
    const zeros: IntegerTensor = {
      values: new Int32Array(this.contextChannels * height * width),
      shape: [this.contextChannels, height, width],
    };
    return this.parameters(hyper, zeros, backend);
  }

  /** Parameters of the non-anchor pass, over the whole plane: they also see ŷ's anchors. */
  async nonAnchorParameters(
    yHat: Float32Array,
    shape: Shape,
    hyper: IntegerTensor,
    backend?: BackendChoice,
  ): Promise<P> {
    return this.parameters(hyper, await this.nonAnchorContext(yHat, shape, backend), backend);
  }

  /** The context network's features of ŷ's anchors, over the whole plane. */
  private nonAnchorContext(yHat: Float32Array, shape: Shape, backend: BackendChoice): Promise<IntegerTensor> {
    const anchorsOnly = yHat.map((v, i) => (isAnchor(Math.floor(i / shape[2]) % shape[1], i % shape[2]) ? v : 0));
    return this.contextNetwork.run({ values: toFixedLatents(anchorsOnly, 'decoded anchors'), shape }, backend);
  }

  /**
   * The parameters of one pass's positions, in the order of `positions(shape, anchors)`. A
   * pointwise parameter network runs on those positions only, half the plane; another runs
   * over the whole plane, and its output is gathered.
   */
  private async passParameters(
    anchors: boolean,
    yHat: Float32Array,
    shape: Shape,
    hyper: IntegerTensor,
    backend: BackendChoice,
  ): Promise<P> {
    const at = planePositions(shape[1], shape[2], anchors);
    if (!isPointwise(this.parameterNetwork) || at.length === 0) {
      const params = anchors
        ? await this.anchorParameters(hyper, backend)
        : await this.nonAnchorParameters(yHat, shape, hyper, backend);
      return this.conditional.select(params, positions(shape, anchors));
    }
    const context = anchors
      ? {
          values: new Int32Array(this.contextChannels * at.length),
          shape: [this.contextChannels, 1, at.length] as const,
        }
      : gatherPlane(await this.nonAnchorContext(yHat, shape, backend), at);
    return this.parameters(gatherPlane(hyper, at), context, backend);
  }

  /** The model's float likelihood of each coded latent of ŷ, under the parameters its pass used. */
  async likelihood(yHat: Float32Array, shape: Shape, hyper: IntegerTensor, backend?: BackendChoice) {
    const out = new Float32Array(yHat.length);
    const passes = [
      [positions(shape, true), await this.passParameters(true, yHat, shape, hyper, backend)],
      [positions(shape, false), await this.passParameters(false, yHat, shape, hyper, backend)],
    ] as const;
    for (const [at, params] of passes) {
      const likelihood = this.conditional.likelihoodOf(gatherPositions(yHat, at), params);
      at.forEach((i, k) => {
        out[i] = likelihood[k];
      });
    }
    return out;
  }

  private async codePass(
    y: Float32Array | undefined,
    passParams: P,
    at: Int32Array,
    stream: Uint8Array | undefined,
    backend: BackendChoice,
  ): Promise<{ stream: Uint8Array; values: Float32Array }> {
    if (y) {
      const coded = await this.conditional.compress(gatherPositions(y, at), passParams, backend);
      return { stream: coded.stream, values: coded.reconstruction };
    }
    const values = await this.conditional.decompress(stream ?? new Uint8Array(), passParams, backend);
    return { stream: stream ?? new Uint8Array(), values };
  }

  private async run(
    y: Float32Array | undefined,
    streams: CheckerboardStreams | undefined,
    shape: Shape,
    hyper: IntegerTensor,
    backend: BackendChoice,
  ): Promise<{ streams: CheckerboardStreams; yHat: Float32Array }> {
    if (hyper.shape[1] !== shape[1] || hyper.shape[2] !== shape[2]) {
      invalidArgument('hyper features', `the latents' plane ${shape[1]}×${shape[2]}`, hyper.shape);
    }
    const yHat = new Float32Array(shape[0] * shape[1] * shape[2]);
    const anchors = positions(shape, true);
    const nonAnchors = positions(shape, false);
    const first = await this.codePass(
      y,
      await this.passParameters(true, yHat, shape, hyper, backend),
      anchors,
      streams?.anchors,
      backend,
    );
    anchors.forEach((i, k) => {
      yHat[i] = first.values[k];
    });
    const secondParams = await this.passParameters(false, yHat, shape, hyper, backend);
    const second = await this.codePass(y, secondParams, nonAnchors, streams?.nonAnchors, backend);
    nonAnchors.forEach((i, k) => {
      yHat[i] = second.values[k];
    });
    return { streams: { anchors: first.stream, nonAnchors: second.stream }, yHat };
  }

  /** Codes y (`[C, H, W]`) in two passes given the hyper features (same plane size). */
  compress(y: Float32Array, shape: Shape, hyper: IntegerTensor, backend?: BackendChoice) {
    return this.run(y, undefined, shape, hyper, backend);
  }

  /** Decodes the two passes of {@link compress}. */
  async decompress(streams: CheckerboardStreams, shape: Shape, hyper: IntegerTensor, backend?: BackendChoice) {
    return (await this.run(undefined, streams, shape, hyper, backend)).yHat;
  }
}
