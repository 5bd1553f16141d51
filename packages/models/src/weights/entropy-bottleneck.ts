import type { FactorizedPriorParameters } from '@lico/entropy-models';
import type { WeightMap } from './weight-tensor.js';

/** CompressAI's `EntropyBottleneck` filters: (3, 3, 3, 3). */
const FILTERS = [3, 3, 3, 3] as const;
const PREFIX = 'entropy_bottleneck.';

/** One tensor of the entropy bottleneck: its name, shape, and the newer ParameterList spelling. */
export interface BottleneckTensor {
  readonly name: string;
  readonly alias?: string;
  readonly shape: readonly number[];
}

/**
 * The trained tensors of CompressAI's `EntropyBottleneck(channels)`, in its order:
 * `_matrix{i}` `[C, f(i+1), f(i)]`, `_bias{i}` `[C, f(i+1), 1]`, `_factor{i}` `[C, f(i+1), 1]`
 * (not for the last layer), then `quantiles` `[C, 1, 3]`. CompressAI 1.2.5 and later name the
 * first three `matrices.{i}`, `biases.{i}`, `factors.{i}` (ParameterLists): the aliases.
 */
export function bottleneckTensors(channels: number): BottleneckTensor[] {
  const widths = [1, ...FILTERS, 1];
  const out: BottleneckTensor[] = [];
  for (let i = 0; i < widths.length - 1; i++) {
    const rows = widths[i + 1];
    out.push({ name: `${PREFIX}_matrix${i}`, alias: `${PREFIX}matrices.${i}`, shape: [channels, rows, widths[i]] });
    out.push({ name: `${PREFIX}_bias${i}`, alias: `${PREFIX}biases.${i}`, shape: [channels, rows, 1] });
    if (i < FILTERS.length) {
      out.push({ name: `${PREFIX}_factor${i}`, alias: `${PREFIX}factors.${i}`, shape: [channels, rows, 1] });
    }
  }
  out.push({ name: `${PREFIX}quantiles`, shape: [channels, 1, 3] });
  return out;
}

/** Derived buffers of CompressAI's entropy models: accepted, never required, not read. */
export const BOTTLENECK_DERIVED = [
  '_offset',
  '_quantized_cdf',
  '_cdf_length',
  'target',
  'likelihood_lower_bound.bound',
].map((name) => PREFIX + name);

type Group = 'matrices' | 'biases' | 'factors' | 'quantiles';
const GROUPS: Record<string, Group> = {
  _matrix: 'matrices',
  _bias: 'biases',
  _factor: 'factors',
  quantiles: 'quantiles',
};

/** Which parameter list and index a tensor of {@link bottleneckTensors} holds. */
function placeOf(tensor: BottleneckTensor): { group: Group; index: number } {
  const [, group, index] = /^entropy_bottleneck\.(_matrix|_bias|_factor|quantiles)(\d*)$/.exec(tensor.name) ?? [];
  return { group: GROUPS[group], index: Number(index || 0) };
}

/** The factorized prior's parameters from checked weights (either spelling). */
export function readBottleneck(weights: WeightMap, channels: number): FactorizedPriorParameters {
  const lists: Record<Group, Float32Array[]> = { matrices: [], biases: [], factors: [], quantiles: [] };
  for (const tensor of bottleneckTensors(channels)) {
    const { group, index } = placeOf(tensor);
    const found = weights.get(tensor.name) ?? weights.get(tensor.alias ?? '');
    lists[group][index] = Float32Array.from(found?.data ?? []);
  }
  return { channels, filters: FILTERS, ...lists, quantiles: lists.quantiles[0] };
}

/** The factorized prior's parameters under CompressAI's names (`_matrix{i}` spelling). */
export function bottleneckWeights(parameters: FactorizedPriorParameters): WeightMap {
  const lists: Record<Group, readonly Float32Array[]> = { ...parameters, quantiles: [parameters.quantiles] };
  const out: WeightMap = new Map();
  for (const tensor of bottleneckTensors(parameters.channels)) {
    const { group, index } = placeOf(tensor);
    out.set(tensor.name, { shape: tensor.shape, data: lists[group][index] });
  }
  return out;
}
