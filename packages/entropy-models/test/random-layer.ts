import type { IntegerConvLayer } from '../src/index.js';

/** The attributes of a stride-2 transposed 5×5 layer: one hyper-synthesis upsampling. */
export const UPSAMPLE = { kernelSize: 5, stride: 2, padding: 2, outputPadding: 1, transposed: true } as const;

/**
 * A random integer layer for tests: int8 weights, biases in ±biasRange, the 8-bit quantized
 * ReLU (or, for `output` layers, a clamp wide enough for fixed-point means and scales), a
 * same-size convolution unless overridden. Draws weights, then biases, from `random`.
 */
export function randomLayer(
  random: () => number,
  spec: {
    inChannels: number;
    outChannels: number;
    kernelSize: number;
    biasRange?: number;
    output?: boolean;
  } & Partial<IntegerConvLayer>,
): IntegerConvLayer {
  const { inChannels, outChannels, kernelSize, biasRange = 1024, output = false, ...overrides } = spec;
  const int = (range: number) => Math.round((random() * 2 - 1) * range);
  return {
    inChannels,
    outChannels,
    kernelSize,
    stride: 1,
    padding: kernelSize >> 1,
    transposed: false,
    outputPadding: 0,
    shift: 8,
    clampMin: output ? -(2 ** 20) : 0,
    clampMax: output ? 2 ** 20 : 255,
    weights: Int32Array.from({ length: inChannels * outChannels * kernelSize * kernelSize }, () => int(127)),
    bias: Int32Array.from({ length: outChannels }, () => int(biasRange)),
    ...overrides,
  };
}
