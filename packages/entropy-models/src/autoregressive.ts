import { invalidArgument } from '@lico/core';
import { RansSymbolDecoder, RansSymbolEncoder } from '@lico/entropy';
import { toFixedLatents } from '@lico/quantizers';
import type { BackendChoice, ConditionalEntropyModel } from './conditional-model.js';
import type { GaussianParameters } from './gaussian-conditional.js';
import {
  concatChannels,
  type IntegerConvLayer,
  type IntegerInputStage,
  IntegerNetwork,
  type IntegerTensor,
} from './integer-network.js';

type Shape = readonly [number, number, number];

/** The masked context's kernel: 5×5, as PixelCNN-style context models of Minnen et al. 2018. */
const KERNEL = 5;
const RADIUS = KERNEL >> 1;

/** True for the taps a type-A mask keeps: rows above the center, and the center row's left part. */
export function isCausalTap(row: number, column: number, kernelSize = KERNEL): boolean {
  const center = kernelSize >> 1;
  return row < center || (row === center && column < center);
}

/** A copy of a `k×k` convolution with the taps a type-A mask removes set to 0. */
export function maskCausal(layer: IntegerConvLayer): IntegerConvLayer {
  const k = layer.kernelSize;
  const weights = layer.weights.slice();
  for (let i = 0; i < weights.length; i++) {
    const tap = i % (k * k);
    if (!isCausalTap(Math.floor(tap / k), tap % k, k)) weights[i] = 0;
  }
  return { ...layer, weights };
}

/**
 * The masked 5×5 autoregressive context (Minnen et al., NeurIPS 2018), kept as the reference
 * against which the checkerboard context is measured: positions are coded in raster order,
 * each with parameters from the hyper features and a type-A masked 5×5 integer convolution
 * over the positions decoded before it. Every position waits for the previous one, so
 * decoding is serial (as in CompressAI's `mbt2018`); the integer networks keep it
 * deterministic across backends. All channels of a position are coded together.
 */
export class AutoregressiveContext<P = GaussianParameters> {
  private readonly contextLayer: IntegerConvLayer;
  private readonly contextInput: IntegerInputStage | undefined;

  constructor(
    /** One masked 5×5, stride-1 convolution from the latents' C channels (see {@link maskCausal}). */
    contextNetwork: IntegerNetwork,
    /** 1×1 layers from `[hyper features; context features]` to the conditional model's parameters. */
    readonly parameterNetwork: IntegerNetwork,
    readonly conditional: ConditionalEntropyModel<P>,
  ) {
    const [layer] = contextNetwork.layers;
    if (contextNetwork.layers.length !== 1 || layer.kernelSize !== KERNEL || layer.stride !== 1 || layer.transposed) {
      invalidArgument('contextNetwork', `one ${KERNEL}×${KERNEL} stride-1 convolution`, contextNetwork.layers.length);
    }
    const masked = maskCausal(layer);
    if (masked.weights.some((w, i) => w !== layer.weights[i])) {
      invalidArgument('contextNetwork', 'a causally masked kernel (apply maskCausal)', 'weights on later positions');
    }
    // Applied to a 5×5 neighbourhood at a time: no padding, one output; the input stage stays.
    this.contextLayer = { ...layer, padding: 0 };
    this.contextInput = contextNetwork.input;
  }

  /** The 5×5 neighbourhood of (row, column) in ŷ's fixed point, zeros outside the plane. */
  private neighbourhood(yHat: Int32Array, shape: Shape, row: number, column: number): IntegerTensor {
    const [channels, height, width] = shape;
    const values = new Int32Array(channels * KERNEL * KERNEL);
    for (let c = 0; c < channels; c++) {
      for (let dy = 0; dy < KERNEL; dy++) {
        const y = row + dy - RADIUS;
        if (y < 0 || y >= height) continue;
        for (let dx = 0; dx < KERNEL; dx++) {
          const x = column + dx - RADIUS;
          if (x >= 0 && x < width) values[(c * KERNEL + dy) * KERNEL + dx] = yHat[(c * height + y) * width + x];
        }
      }
    }
    return { values, shape: [channels, KERNEL, KERNEL] };
  }

  private async parametersAt(
    yHatFixed: Int32Array,
    shape: Shape,
    hyper: IntegerTensor,
    row: number,
    column: number,
    backend: BackendChoice,
  ): Promise<P> {
    const context = await new IntegerNetwork([this.contextLayer], this.contextInput).run(
      this.neighbourhood(yHatFixed, shape, row, column),
      backend,
    );
    const [hyperChannels, height, width] = hyper.shape;
    const features = Int32Array.from(
      { length: hyperChannels },
      (_, c) => hyper.values[(c * height + row) * width + column],
    );
    const output = await this.parameterNetwork.run(
      concatChannels({ values: features, shape: [hyperChannels, 1, 1] }, context),
      backend,
    );
    return this.conditional.parametersFrom(output);
  }

  private static checkPlanes(shape: Shape, hyper: IntegerTensor): void {
    if (hyper.shape[1] !== shape[1] || hyper.shape[2] !== shape[2]) {
      invalidArgument('hyper features', `the latents' plane ${shape[1]}×${shape[2]}`, hyper.shape);
    }
  }

  /** Codes y (`[C, H, W]`) position by position; returns one stream and ŷ. */
  async compress(
    y: Float32Array,
    shape: Shape,
    hyper: IntegerTensor,
    backend?: BackendChoice,
  ): Promise<{ stream: Uint8Array; yHat: Float32Array }> {
    AutoregressiveContext.checkPlanes(shape, hyper);
    const [channels, height, width] = shape;
    const plane = height * width;
    const yHat = new Float32Array(y.length);
    const yHatFixed = new Int32Array(y.length);
    const encoder = new RansSymbolEncoder();
    const values = new Float32Array(channels);
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        const at = row * width + column;
        const params = await this.parametersAt(yHatFixed, shape, hyper, row, column, backend);
        for (let c = 0; c < channels; c++) values[c] = y[c * plane + at];
        const coded = await this.conditional.quantizeSymbols(values, params, backend);
        const fixed = toFixedLatents(coded.reconstruction, 'ŷ');
        for (let c = 0; c < channels; c++) {
          encoder.encode(coded.indexes[c], coded.tables, coded.tableIndexes[c]);
          yHat[c * plane + at] = coded.reconstruction[c];
          yHatFixed[c * plane + at] = fixed[c];
        }
      }
    }
    return { stream: await encoder.finish(backend), yHat };
  }

  /** Decodes {@link compress}'s stream given the same hyper features. */
  async decompress(
    stream: Uint8Array,
    shape: Shape,
    hyper: IntegerTensor,
    backend?: BackendChoice,
  ): Promise<Float32Array> {
    AutoregressiveContext.checkPlanes(shape, hyper);
    const [channels, height, width] = shape;
    const plane = height * width;
    const yHat = new Float32Array(channels * plane);
    const yHatFixed = new Int32Array(channels * plane);
    const decoder = new RansSymbolDecoder(stream, { symbolCount: yHat.length });
    const indexes = new Int32Array(channels);
    for (let row = 0; row < height; row++) {
      for (let column = 0; column < width; column++) {
        const at = row * width + column;
        const params = await this.parametersAt(yHatFixed, shape, hyper, row, column, backend);
        const { tables, tableIndexes } = this.conditional.symbolTables(params);
        for (let c = 0; c < channels; c++) indexes[c] = decoder.decode(tables, tableIndexes[c]);
        const values = await this.conditional.dequantize(indexes, params, backend);
        const fixed = toFixedLatents(values, 'ŷ');
        for (let c = 0; c < channels; c++) {
          yHat[c * plane + at] = values[c];
          yHatFixed[c * plane + at] = fixed[c];
        }
      }
    }
    decoder.finish();
    return yHat;
  }
}
