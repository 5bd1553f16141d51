import { invalidArgument, LicoError } from '@lico/core';
import type { BackendChoice } from './conditional-model.js';
import {
  type IntegerConvLayer,
  type IntegerInputStage,
  IntegerNetwork,
  type IntegerTensor,
  rangeInput,
} from './integer-network.js';

/** A trained float convolution of a parameter network, before conversion (PyTorch layouts). */
export interface FloatConvLayer {
  readonly inChannels: number;
  readonly outChannels: number;
  readonly kernelSize: number;
  readonly stride: number;
  readonly padding: number;
  readonly transposed: boolean;
  readonly outputPadding: number;
  /** `[out, in, k, k]`, or `[in, out, k, k]` when transposed. */
  readonly weight: Float32Array;
  readonly bias: Float32Array;
  /**
   * ReLU layers become the 8-bit quantized ReLU, leaky ReLUs (slope 0.01) the same with a
   * negative side of slope 2^-7, linear layers inside a network a signed 9-bit clamp; the
   * last layer is linear and lands on `outputFractionBits` unless `boundedOutput` is set.
   */
  readonly activation: 'relu' | 'leaky-relu' | 'linear';
  /** A sub-pixel convolution's shuffle factor r (PyTorch's `PixelShuffle(r)` after the convolution). */
  readonly pixelShuffle?: number;
}

export interface IntegerConversionOptions {
  /**
   * Fraction bits of the network's input (a value x is the integer `round(x · 2^k)`): one
   * number, or one per input channel when the input joins tensors of different scales.
   * Default 8, the latent fixed point.
   */
  readonly inputFractionBits?: number | readonly number[];
  /**
   * Largest input magnitude the network must take (in real units, e.g. 64 for ẑ): larger
   * inputs are clamped. With one `inputFractionBits`, the network drops input fraction bits
   * where needed so that no accumulator can pass int32. Default: twice the calibration's
   * largest input. Ignored with per-channel fraction bits (inputs of quantized ReLUs).
   */
  readonly inputRange?: number;
  /** Fraction bits of the linear output; default 8 (means and scales in the latent fixed point). */
  readonly outputFractionBits?: number;
  /**
   * Give the last layer an activation's range too (a linear output clamped to ±255 by
   * calibration) instead of `outputFractionBits`: for networks whose output feeds another
   * integer network (the checkerboard context).
   */
  readonly boundedOutput?: boolean;
  /** Share of calibration activations that must fit a quantized activation unclipped; default 0.9999. */
  readonly coverage?: number;
  readonly backend?: BackendChoice;
}

/** What a conversion gives: the integer network and the fraction bits of its output. */
export interface ConvertedNetwork {
  readonly network: IntegerNetwork;
  readonly outputFractionBits: number;
}

/** Quantized activations keep 10 bits of magnitude: `[0, 1023]`, or `[−1023, 1023]` when linear. */
const ACTIVATION_MAX = 1023;
/** Leaky ReLU slope 0.01 ≈ 2^-7. */
const LEAKY_SHIFT = 7;
/** Weights of a layer over latents (behind the input stage): int8. */
const WEIGHT_MAX = 127;
/** Weights of a layer over activations: up to 12 bits, as far as `1023 · max|w| · fan-in ≤ 2^30` allows. */
const HIDDEN_WEIGHT_MAX = 2047;
/** Weights may leave int8 only where an output must keep its fraction bits (small inputs). */
const WIDE_WEIGHT_MAX = 2 ** 15 - 1;
const OUTPUT_LIMIT = 2 ** 28 - 1;
const INT32_MAX = 2 ** 31 - 1;

function weightInputChannel(layer: FloatConvLayer, i: number): number {
  const perKernel = layer.kernelSize * layer.kernelSize;
  // PyTorch: [out, in, k, k] for convolutions, [in, out, k, k] for transposed ones.
  return layer.transposed
    ? Math.floor(i / (layer.outChannels * perKernel))
    : Math.floor(i / perKernel) % layer.inChannels;
}

function fractionBitsPerChannel(bits: number | readonly number[], channels: number): readonly number[] {
  const list = typeof bits === 'number' ? Array.from({ length: channels }, () => bits) : bits;
  if (list.length !== channels || list.some((b) => !Number.isInteger(b) || b < 0 || b > 24)) {
    invalidArgument('inputFractionBits', `one integer in [0, 24] or ${channels} of them`, bits);
  }
  return list;
}

/** The smallest value not below a share `coverage` of the magnitudes (positive values only, or all). */
function quantile(values: Int32Array, coverage: number, signed: boolean): number {
  const positive = Float64Array.from(signed ? values.map(Math.abs) : values.filter((v) => v > 0)).sort();
  if (positive.length === 0) return 0;
  return positive[Math.min(positive.length - 1, Math.floor(coverage * positive.length))];
}

/**
 * Converts float parameter-network layers to an {@link IntegerNetwork} by the method of
 * `docs/integer-networks.md`: per layer, weights `round(W · 2^(E − k_c))` for input channels
 * of k_c fraction bits, E the largest exponent that keeps them in int8; biases
 * `round(b · 2^E)`; then a right shift chosen from calibration inputs so that a share
 * `coverage` of each ReLU's activations fits `[0, 255]` (its output scale `k_out = E − shift`),
 * and the last (linear) layer lands on `outputFractionBits`. The accumulators of the
 * calibration run are integers from the converted layers themselves, so the statistics are
 * those of the network that will run.
 */
export async function toIntegerNetwork(
  layers: readonly FloatConvLayer[],
  calibration: readonly IntegerTensor[],
  options: IntegerConversionOptions = {},
): Promise<ConvertedNetwork> {
  if (layers.length === 0) invalidArgument('layers', 'at least one layer', layers);
  if (calibration.length === 0) invalidArgument('calibration', 'at least one input tensor', calibration);
  const coverage = options.coverage ?? 0.9999;
  let inputBits = fractionBitsPerChannel(options.inputFractionBits ?? 8, layers[0].inChannels);
  let inputStage: IntegerInputStage | undefined;
  if (typeof (options.inputFractionBits ?? 8) === 'number') {
    inputStage = chooseInputStage(layers[0], calibration, inputBits[0], options.inputRange);
    inputBits = inputBits.map((bits) => bits - (inputStage as IntegerInputStage).shift);
  }
  const stage = inputStage;
  let tensors = stage ? calibration.map((t) => ({ ...t, values: rangeInput(t.values, stage) })) : calibration;
  const converted: IntegerConvLayer[] = [];
  for (const [index, layer] of layers.entries()) {
    if (layer.inChannels !== inputBits.length) {
      invalidArgument(`layers[${index}].inChannels`, `${inputBits.length} (the previous output)`, layer.inChannels);
    }
    const last = index === layers.length - 1;
    const toFractionBits = last && layer.activation === 'linear' && !options.boundedOutput;
    const outputBits = options.outputFractionBits ?? 8;
    const fanIn = layer.inChannels * layer.kernelSize ** 2;
    // Behind the input stage int8; over activations as wide as int32 accumulators allow.
    const weightMax =
      index === 0 && inputStage
        ? WEIGHT_MAX
        : Math.max(WEIGHT_MAX, Math.min(HIDDEN_WEIGHT_MAX, Math.floor(2 ** 30 / (ACTIVATION_MAX * fanIn))));
    // E: weights of channel c are scaled by 2^(E − k_c); the largest E that keeps them within weightMax.
    let exponent = Number.POSITIVE_INFINITY;
    layer.weight.forEach((w, i) => {
      if (w !== 0) {
        const bits = inputBits[weightInputChannel(layer, i)];
        exponent = Math.min(exponent, Math.floor(Math.log2(weightMax / Math.abs(w))) + bits);
      }
    });
    if (!Number.isFinite(exponent)) exponent = outputBits;
    // A linear output needs E ≥ its fraction bits (no left shift): wider weights then.
    if (toFractionBits && exponent < outputBits) exponent = outputBits;
    const weights = Int32Array.from(layer.weight, (w, i) =>
      Math.round(w * 2 ** (exponent - inputBits[weightInputChannel(layer, i)])),
    );
    const widest = weights.reduce((m, w) => Math.max(m, Math.abs(w)), 0);
    if (widest > WIDE_WEIGHT_MAX) {
      throw new LicoError(
        'LICO_LIMIT_EXCEEDED',
        `layer ${index}: weights too large for integer conversion (${widest})`,
      );
    }
    const bias = Int32Array.from(layer.bias, (b) => Math.round(b * 2 ** exponent));
    const { weight: _w, bias: _b, activation, ...geometry } = layer;
    const probe: IntegerConvLayer = {
      ...geometry,
      weights,
      bias,
      shift: 0,
      clampMin: -INT32_MAX,
      clampMax: INT32_MAX,
    };
    let shift: number;
    let clampMin: number;
    let clampMax: number;
    let negativeSlopeShift: number | undefined;
    if (toFractionBits) {
      shift = Math.max(exponent - outputBits, 0);
      [clampMin, clampMax] = [-OUTPUT_LIMIT, OUTPUT_LIMIT];
    } else {
      const signed = activation === 'linear';
      const accumulators = await Promise.all(tensors.map((t) => runLayer(probe, t, options.backend)));
      const top = Math.max(...accumulators.map((t) => quantile(t.values, coverage, signed)));
      shift = top > ACTIVATION_MAX ? Math.ceil(Math.log2(top / ACTIVATION_MAX)) : 0;
      clampMax = ACTIVATION_MAX;
      clampMin = activation === 'relu' ? 0 : -ACTIVATION_MAX;
      if (activation === 'leaky-relu') {
        negativeSlopeShift = LEAKY_SHIFT;
        clampMin = -ACTIVATION_MAX * 2 ** LEAKY_SHIFT;
      }
    }
    const integer: IntegerConvLayer = { ...probe, shift, clampMin, clampMax, negativeSlopeShift };
    converted.push(integer);
    tensors = await Promise.all(tensors.map((t) => runLayer(integer, t, options.backend)));
    inputBits = Array.from({ length: layer.outChannels / (layer.pixelShuffle ?? 1) ** 2 }, () => exponent - shift);
  }
  return { network: new IntegerNetwork(converted, inputStage), outputFractionBits: inputBits[0] };
}

/**
 * The input stage of a network over latents: as many of the input's fraction bits as keep
 * `limit · 127 · fan-in` within 2^30 (int8 weights; the rest of int32 is the biases' margin),
 * and a clamp at the input range.
 */
function chooseInputStage(
  layer: FloatConvLayer,
  calibration: readonly IntegerTensor[],
  fractionBits: number,
  inputRange: number | undefined,
): IntegerInputStage {
  const largest = Math.max(...calibration.map((t) => t.values.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
  const range = inputRange ?? Math.max(1, (2 * largest) / 2 ** fractionBits);
  const limitMax = 2 ** 30 / (WEIGHT_MAX * layer.inChannels * layer.kernelSize ** 2);
  if (limitMax < range) {
    throw new LicoError(
      'LICO_LIMIT_EXCEEDED',
      `an input range of ±${range} with a fan-in of ${layer.inChannels}×${layer.kernelSize}² cannot keep int32 accumulators exact`,
    );
  }
  const kept = Math.min(fractionBits, Math.floor(Math.log2(limitMax / range)));
  return { shift: fractionBits - kept, limit: Math.floor(range * 2 ** kept) };
}

function runLayer(layer: IntegerConvLayer, input: IntegerTensor, backend: BackendChoice): Promise<IntegerTensor> {
  return new IntegerNetwork([layer]).run(input, backend);
}
