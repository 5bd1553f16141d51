import type { IntConv2dAttrs, IntConv2dInputs } from '../src/index.js';
import { seededRandom } from '../src/random.js';

/** One integer convolution problem. */
export interface IntConvCase {
  readonly name: string;
  readonly inputs: IntConv2dInputs;
  readonly attrs: IntConv2dAttrs;
}

function make(
  name: string,
  seed: number,
  shape: Omit<IntConv2dAttrs, 'outputPadding'> & { outputPadding?: number },
  ranges: { input: number; weight: number; bias: number },
): IntConvCase {
  const random = seededRandom(seed);
  const int = (range: number) => Math.round((random() * 2 - 1) * range);
  const attrs: IntConv2dAttrs = { outputPadding: 0, ...shape };
  return {
    name,
    attrs,
    inputs: {
      input: Int32Array.from({ length: attrs.inChannels * attrs.height * attrs.width }, () => int(ranges.input)),
      weights: Int32Array.from(
        { length: attrs.inChannels * attrs.outChannels * attrs.kernelHeight * attrs.kernelWidth },
        () => (random() < 0.1 ? 0 : int(ranges.weight)),
      ),
      bias: Int32Array.from({ length: attrs.outChannels }, () => int(ranges.bias)),
    },
  };
}

const layer = { padding: 0, transposed: false, shift: 0, clampMin: -(2 ** 31), clampMax: 2 ** 31 - 1 };

/** The cases every backend must compute exactly like the js reference. */
export function intConvCases(): IntConvCase[] {
  const byte = { input: 255, weight: 127, bias: 5000 };
  return [
    make(
      '3×3, stride 1, pad 1, QReLU 8 bits',
      1,
      {
        ...layer,
        inChannels: 5,
        height: 9,
        width: 11,
        outChannels: 7,
        kernelHeight: 3,
        kernelWidth: 3,
        stride: 1,
        padding: 1,
        shift: 8,
        clampMin: 0,
        clampMax: 255,
      },
      byte,
    ),
    make(
      '5×5, stride 2, pad 2 (hyper-analysis)',
      2,
      {
        ...layer,
        inChannels: 6,
        height: 16,
        width: 13,
        outChannels: 4,
        kernelHeight: 5,
        kernelWidth: 5,
        stride: 2,
        padding: 2,
        shift: 10,
        clampMin: 0,
        clampMax: 255,
      },
      byte,
    ),
    make(
      '5×5 transposed, stride 2, output padding 1 (hyper-synthesis)',
      3,
      {
        ...layer,
        inChannels: 4,
        height: 7,
        width: 6,
        outChannels: 6,
        kernelHeight: 5,
        kernelWidth: 5,
        stride: 2,
        padding: 2,
        outputPadding: 1,
        transposed: true,
        shift: 9,
        clampMin: 0,
        clampMax: 255,
      },
      byte,
    ),
    make(
      '3×3 transposed, stride 3, no shift, no clamp',
      4,
      {
        ...layer,
        inChannels: 3,
        height: 4,
        width: 5,
        outChannels: 2,
        kernelHeight: 3,
        kernelWidth: 3,
        stride: 3,
        transposed: true,
      },
      byte,
    ),
    make(
      '1×1, wide values, negative outputs',
      5,
      {
        ...layer,
        inChannels: 32,
        height: 6,
        width: 6,
        outChannels: 9,
        kernelHeight: 1,
        kernelWidth: 1,
        stride: 1,
        shift: 4,
        clampMin: -1000,
        clampMax: 1000,
      },
      { input: 30000, weight: 2000, bias: 100000 },
    ),
    make(
      '5×5, pad 2, near the accumulator bound',
      6,
      {
        ...layer,
        inChannels: 2,
        height: 5,
        width: 5,
        outChannels: 3,
        kernelHeight: 5,
        kernelWidth: 5,
        stride: 1,
        padding: 2,
        shift: 30,
        clampMin: -(2 ** 31),
        clampMax: 2 ** 31 - 1,
      },
      { input: 2 ** 15, weight: 2 ** 15 / 64, bias: 1000 },
    ),
    make(
      '1 channel, 1×1 image, 3×3 pad 1',
      7,
      {
        ...layer,
        inChannels: 1,
        height: 1,
        width: 1,
        outChannels: 1,
        kernelHeight: 3,
        kernelWidth: 3,
        stride: 1,
        padding: 1,
      },
      byte,
    ),
  ];
}
