import { LicoError } from '@lico/core';
import { type ConvertedNetwork, type IntegerConvLayer, IntegerNetwork } from '@lico/entropy-models';
import type { Layer } from '@lico/transforms';
import type { Architecture } from '../architectures/architecture.js';
import { floatConvLayers } from '../coding/float-layers.js';
import {
  type IntegerNetworkRole,
  type IntegerNetworks,
  integerRoles,
  MODULE_NAMES,
} from '../coding/integer-networks.js';
import type { WeightMap, WeightTensor } from './weight-tensor.js';
import type { WeightsMismatch } from './weights-mismatch.js';

/** Integer networks are stored under `integer.<module>.…` (docs/models.md has the scheme). */
export const INTEGER_PREFIX = 'integer.';

const scalar = (value: number): WeightTensor => ({ shape: [1], data: Int32Array.of(value) });
const ints = (...values: number[]): WeightTensor => ({ shape: [values.length], data: Int32Array.from(values) });

/** The integer tensors of one layer, `integer.<module>.<i>.*` (written as I16 where they fit). */
function layerTensors(prefix: string, layer: IntegerConvLayer): [string, WeightTensor][] {
  const { inChannels, outChannels, kernelSize: k } = layer;
  return [
    [
      `${prefix}.weight`,
      {
        shape: layer.transposed ? [inChannels, outChannels, k, k] : [outChannels, inChannels, k, k],
        data: layer.weights,
      },
    ],
    [`${prefix}.bias`, { shape: [outChannels], data: layer.bias }],
    [
      `${prefix}.geometry`,
      ints(layer.stride, layer.padding, layer.outputPadding, layer.transposed ? 1 : 0, layer.pixelShuffle ?? 1),
    ],
    [`${prefix}.shift`, scalar(layer.shift)],
    [`${prefix}.clamp`, ints(layer.clampMin, layer.clampMax)],
    [`${prefix}.negative_slope_shift`, scalar(layer.negativeSlopeShift ?? 0)],
  ];
}

/**
 * The integer networks as integer tensors (I16 or I32 in the file), for each network `integer.<module>` (`h_s`,
 * `context_prediction`, `entropy_parameters`):
 * - `.input` `[2]`: the input stage's shift and limit (absent when the network has none);
 * - `.output_fraction_bits` `[1]`;
 * - per layer i (in order): `.i.weight` (PyTorch layout), `.i.bias`, `.i.geometry` `[5]`
 *   (stride, padding, output padding, transposed 0/1, pixel-shuffle factor), `.i.shift` `[1]`,
 *   `.i.clamp` `[2]` (min, max) and `.i.negative_slope_shift` `[1]` (0: no leaky side).
 */
export function integerNetworkTensors(networks: IntegerNetworks): WeightMap {
  const out: WeightMap = new Map();
  for (const [role, converted] of Object.entries(networks) as [keyof IntegerNetworks, ConvertedNetwork][]) {
    const prefix = `${INTEGER_PREFIX}${MODULE_NAMES[role]}`;
    const { network, outputFractionBits } = converted;
    if (network.input) out.set(`${prefix}.input`, ints(network.input.shift, network.input.limit));
    out.set(`${prefix}.output_fraction_bits`, scalar(outputFractionBits));
    for (const [i, layer] of network.layers.entries())
      for (const entry of layerTensors(`${prefix}.${i}`, layer)) out.set(...entry);
  }
  return out;
}

/** The layers a module converts to, with the values a weights file gives (zeros where it gives none). */
function storedLayers(module: Layer, prefix: string, weights: WeightMap): IntegerConvLayer[] {
  return floatConvLayers(module).map((float, i) => {
    const read = (name: string, length: number) =>
      weights.get(`${prefix}.${i}.${name}`)?.data ?? new Int32Array(length);
    const [clampMin, clampMax] = read('clamp', 2);
    const negativeSlopeShift = read('negative_slope_shift', 1)[0];
    const { inChannels, outChannels, kernelSize, stride, padding, transposed, outputPadding, pixelShuffle } = float;
    return {
      inChannels,
      outChannels,
      kernelSize,
      stride,
      padding,
      transposed,
      outputPadding,
      ...(pixelShuffle ? { pixelShuffle } : {}),
      weights: Int32Array.from(read('weight', 0)),
      bias: Int32Array.from(read('bias', 0)),
      shift: read('shift', 1)[0],
      clampMin,
      clampMax,
      ...(negativeSlopeShift ? { negativeSlopeShift } : {}),
    };
  });
}

/**
 * The integer networks of a weights file, checked against what the architecture's float
 * networks convert to (layer count, shapes, geometry): `undefined` when the file holds none
 * (the model then calibrates) or when something does not fit (added to `mismatch`: missing,
 * unexpected and mis-shaped names), else the networks.
 */
export function readIntegerNetworks(
  architecture: Architecture,
  weights: WeightMap,
  mismatch: WeightsMismatch,
): IntegerNetworks | undefined {
  const stored = [...weights.keys()].filter((name) => name.startsWith(INTEGER_PREFIX));
  if (stored.length === 0) return undefined;
  const expected = new Map<string, WeightTensor>();
  const parts: [IntegerNetworkRole, IntegerConvLayer[], WeightTensor | undefined, number][] = [];
  for (const role of integerRoles(architecture.entropy)) {
    const prefix = `${INTEGER_PREFIX}${MODULE_NAMES[role]}`;
    const layers = storedLayers(architecture.modules[role] as Layer, prefix, weights);
    for (const [i, layer] of layers.entries()) {
      for (const [name, tensor] of layerTensors(`${prefix}.${i}`, layer)) expected.set(name, tensor);
    }
    expected.set(`${prefix}.output_fraction_bits`, scalar(0));
    const input = weights.get(`${prefix}.input`);
    if (input) expected.set(`${prefix}.input`, ints(0, 0));
    parts.push([role, layers, input, weights.get(`${prefix}.output_fraction_bits`)?.data[0] ?? 0]);
  }
  const errors = mismatch.missing.length + mismatch.unexpected.length + mismatch.misShaped.length;
  for (const [name, tensor] of expected) {
    const found = weights.get(name);
    if (!found) mismatch.missing.push(name);
    else if (!(found.data instanceof Int32Array) || found.shape.join() !== tensor.shape.join()) {
      mismatch.misShaped.push({ name, expected: tensor.shape, actual: found.shape });
    } else if (name.endsWith('.geometry') && found.data.join() !== tensor.data.join()) {
      // The geometry is the architecture's: its values must match too.
      mismatch.misShaped.push({ name, expected: Array.from(tensor.data), actual: Array.from(found.data) });
    }
  }
  for (const name of stored) if (!expected.has(name)) mismatch.unexpected.push(name);
  if (mismatch.missing.length + mismatch.unexpected.length + mismatch.misShaped.length > errors) return undefined;
  const networks: { -readonly [R in IntegerNetworkRole]?: ConvertedNetwork } = {};
  for (const [role, layers, input, outputFractionBits] of parts) {
    try {
      const stage = input && { shift: input.data[0], limit: input.data[1] };
      networks[role] = { network: new IntegerNetwork(layers, stage), outputFractionBits };
    } catch (error) {
      throw new LicoError(
        'LICO_WEIGHTS_INVALID',
        `${INTEGER_PREFIX}${MODULE_NAMES[role]}: ${(error as Error).message}`,
      );
    }
  }
  return networks;
}
