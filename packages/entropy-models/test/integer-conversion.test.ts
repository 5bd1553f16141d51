import '@lico/backend-js';
import { seededRandom } from '@lico/core';
import { describe, expect, test } from 'vitest';
import { type FloatConvLayer, IntegerNetwork, type IntegerTensor, toIntegerNetwork } from '../src/index.js';

const random = seededRandom(77);

function pointwise(inChannels: number, outChannels: number, activation: FloatConvLayer['activation']): FloatConvLayer {
  const bound = Math.sqrt(6 / inChannels);
  return {
    inChannels,
    outChannels,
    kernelSize: 1,
    stride: 1,
    padding: 0,
    transposed: false,
    outputPadding: 0,
    activation,
    weight: Float32Array.from({ length: inChannels * outChannels }, () => (random() * 2 - 1) * bound),
    bias: Float32Array.from({ length: outChannels }, () => (random() - 0.5) * 0.5),
  };
}

/** The float network the conversion approximates (1×1 layers: per-position matrix products). */
function floatForward(layers: FloatConvLayer[], input: Float64Array, plane: number): Float64Array {
  let x = input;
  for (const layer of layers) {
    const out = new Float64Array(layer.outChannels * plane);
    for (let o = 0; o < layer.outChannels; o++) {
      for (let p = 0; p < plane; p++) {
        let sum = layer.bias[o];
        for (let c = 0; c < layer.inChannels; c++) sum += layer.weight[o * layer.inChannels + c] * x[c * plane + p];
        out[o * plane + p] =
          layer.activation === 'relu'
            ? Math.max(sum, 0)
            : layer.activation === 'leaky-relu' && sum < 0
              ? 0.01 * sum
              : sum;
      }
    }
    x = out;
  }
  return x;
}

const fixed = (values: Float64Array, bits = 8): IntegerTensor['values'] =>
  Int32Array.from(values, (v) => Math.floor(v * 2 ** bits + 0.5));

describe('toIntegerNetwork', () => {
  test('one linear layer with exact binary weights converts exactly', async () => {
    const layer = { ...pointwise(1, 1, 'linear'), weight: Float32Array.of(0.5), bias: Float32Array.of(0.25) };
    const input: IntegerTensor = { values: Int32Array.of(256, -512, 1000), shape: [1, 1, 3] };
    const { network, outputFractionBits } = await toIntegerNetwork([layer], [input], { inputRange: 64 });
    expect(outputFractionBits).toBe(8);
    expect(Array.from((await network.run(input)).values)).toEqual([0.75 * 256, -0.75 * 256, 500 + 64]);
  });

  test('a random ReLU network: outputs close to the float network’s', async () => {
    const layers = [pointwise(16, 32, 'relu'), pointwise(32, 32, 'relu'), pointwise(32, 8, 'linear')];
    const plane = 4000;
    const input = Float64Array.from({ length: 16 * plane }, () => Math.round((random() - 0.5) * 12));
    const tensor: IntegerTensor = { values: fixed(input), shape: [16, 1, plane] };
    const { network, outputFractionBits } = await toIntegerNetwork(layers, [tensor], { inputRange: 32 });
    const integer = (await network.run(tensor)).values;
    const reference = floatForward(layers, input, plane);
    const spread = Math.sqrt(reference.reduce((s, v) => s + v * v, 0) / reference.length);
    let squared = 0;
    for (let i = 0; i < reference.length; i++) squared += (integer[i] / 2 ** outputFractionBits - reference[i]) ** 2;
    // 8-bit activations: an error of about one percent of the outputs' spread.
    expect(Math.sqrt(squared / reference.length) / spread).toBeLessThan(0.02);
    // Hidden activations use the 10-bit range, not a corner of it.
    expect(network.layers.slice(0, 2).every((l) => l.clampMin === 0 && l.clampMax === 1023)).toBe(true);
  });

  test('leaky ReLUs and a bounded linear output (a network that feeds another)', async () => {
    const layers = [pointwise(16, 24, 'leaky-relu'), pointwise(24, 8, 'linear')];
    const plane = 3000;
    const input = Float64Array.from({ length: 16 * plane }, () => Math.round((random() - 0.5) * 12));
    const tensor: IntegerTensor = { values: fixed(input), shape: [16, 1, plane] };
    const { network, outputFractionBits } = await toIntegerNetwork(layers, [tensor], {
      inputRange: 32,
      boundedOutput: true,
    });
    expect(network.layers[0].negativeSlopeShift).toBe(7);
    expect(network.layers[1].clampMin).toBe(-1023);
    expect(network.layers[1].clampMax).toBe(1023);
    const integer = (await network.run(tensor)).values;
    const reference = floatForward(layers, input, plane);
    let squared = 0;
    let power = 0;
    for (let i = 0; i < reference.length; i++) {
      squared += (integer[i] / 2 ** outputFractionBits - reference[i]) ** 2;
      power += reference[i] ** 2;
    }
    expect(Math.sqrt(squared / power)).toBeLessThan(0.03);
  });

  test('inputs far outside the range are clamped, never an int32 overflow', async () => {
    const wide = { ...pointwise(64, 4, 'relu'), kernelSize: 5, padding: 2 };
    wide.weight = Float32Array.from({ length: 64 * 4 * 25 }, () => random() - 0.5);
    const calibration: IntegerTensor = {
      values: Int32Array.from({ length: 64 * 36 }, () => Math.round((random() - 0.5) * 4096)),
      shape: [64, 6, 6],
    };
    const { network } = await toIntegerNetwork([wide, pointwise(4, 2, 'linear')], [calibration], { inputRange: 64 });
    expect(network.input?.shift).toBeGreaterThan(0);
    const hostile: IntegerTensor = { values: new Int32Array(64 * 36).fill(2 ** 30), shape: [64, 6, 6] };
    await expect(network.run(hostile)).resolves.toMatchObject({ shape: [2, 6, 6] });
  });

  test('a sub-pixel convolution: channels move into an r-times larger plane, as PixelShuffle', async () => {
    const subpel = { ...pointwise(2, 8, 'leaky-relu'), pixelShuffle: 2 };
    const input: IntegerTensor = {
      values: Int32Array.from({ length: 2 * 3 * 4 }, (_, i) => ((i * 37) % 512) - 256),
      shape: [2, 3, 4],
    };
    const { network } = await toIntegerNetwork([subpel, pointwise(2, 3, 'linear')], [input], { inputRange: 4 });
    expect((await network.run(input)).shape).toEqual([3, 6, 8]);
    const first = new IntegerNetwork(network.layers.slice(0, 1), network.input);
    const shuffled = await first.run(input);
    const plain = await new IntegerNetwork([{ ...network.layers[0], pixelShuffle: undefined }], network.input).run(
      input,
    );
    expect(shuffled.shape).toEqual([2, 6, 8]);
    for (let c = 0; c < 8; c++) {
      for (let h = 0; h < 3; h++) {
        for (let w = 0; w < 4; w++) {
          const [target, i, j] = [c >> 2, (c >> 1) & 1, c & 1];
          expect(shuffled.values[(target * 6 + 2 * h + i) * 8 + 2 * w + j]).toBe(plain.values[(c * 3 + h) * 4 + w]);
        }
      }
    }
    expect(() => new IntegerNetwork([{ ...network.layers[0], pixelShuffle: 3 }])).toThrow(/pixelShuffle/);
  });

  test('an input stage rounds, shifts and clamps', async () => {
    const identity = {
      inChannels: 1,
      outChannels: 1,
      kernelSize: 1,
      stride: 1,
      padding: 0,
      transposed: false,
      outputPadding: 0,
      shift: 0,
      clampMin: -1000,
      clampMax: 1000,
      weights: Int32Array.of(1),
      bias: Int32Array.of(0),
    };
    const network = new IntegerNetwork([identity], { shift: 2, limit: 10 });
    const out = await network.run({ values: Int32Array.of(5, 6, -6, -7, 400, -400), shape: [1, 1, 6] });
    expect(Array.from(out.values)).toEqual([1, 2, -1, -2, 10, -10]);
  });
});
