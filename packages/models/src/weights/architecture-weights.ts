import type { FactorizedPriorParameters } from '@lico/entropy-models';
import type { Architecture } from '../architectures/architecture.js';
import { BOTTLENECK_DERIVED, bottleneckTensors, bottleneckWeights, readBottleneck } from './entropy-bottleneck.js';
import type { WeightMap, WeightTensor } from './weight-tensor.js';
import type { WeightsMismatch } from './weights-mismatch.js';

/** Derived buffers of CompressAI's `GaussianConditional`: accepted, never required, not read. */
const GAUSSIAN_DERIVED = [
  '_offset',
  '_quantized_cdf',
  '_cdf_length',
  'scale_table',
  'scale_bound',
  'likelihood_lower_bound.bound',
  'lower_bound_scale.bound',
].map((name) => `gaussian_conditional.${name}`);

function derivedNames(architecture: Architecture): Set<string> {
  const gaussian = architecture.entropy !== 'factorized' && architecture.entropy !== 'checkerboard-mixture';
  return new Set([...BOTTLENECK_DERIVED, ...(gaussian ? GAUSSIAN_DERIVED : [])]);
}

const sameShape = (tensor: WeightTensor, shape: readonly number[]) =>
  tensor.shape.length === shape.length &&
  tensor.shape.every((d, i) => d === shape[i]) &&
  tensor.data.length === shape.reduce((n, d) => n * d, 1);

/**
 * Checks weights against an architecture before anything is loaded: every trained tensor of
 * its module tree and of its entropy bottleneck must be there with its shape; buffers (GDN's
 * pedestals and bounds, masks) may be there, with their shapes; CompressAI's derived buffers
 * (`_offset`, `_quantized_cdf`, `_cdf_length`, `scale_table`, `scale_bound`, `target`, lower
 * bounds) are accepted and ignored; names for which `ignore` is true are left to the caller.
 * Every missing, unexpected and mis-shaped name is added to `mismatch`.
 */
export function checkArchitectureWeights(
  architecture: Architecture,
  weights: WeightMap,
  mismatch: WeightsMismatch,
  ignore: (name: string) => boolean = () => false,
): void {
  const known = derivedNames(architecture);
  const check = (name: string, shape: readonly number[], required: boolean, found = weights.get(name)) => {
    if (!found) {
      if (required) mismatch.missing.push(name);
    } else if (!sameShape(found, shape)) {
      mismatch.misShaped.push({ name, expected: shape, actual: found.shape });
    }
  };
  for (const [name, tensor] of architecture.modules.namedTensors()) {
    known.add(name);
    check(name, tensor.shape, tensor.kind === 'parameter');
  }
  for (const tensor of bottleneckTensors(architecture.priorChannels)) {
    const spelled = !weights.has(tensor.name) && tensor.alias && weights.has(tensor.alias) ? tensor.alias : tensor.name;
    known.add(tensor.name);
    if (tensor.alias) known.add(tensor.alias);
    check(spelled, tensor.shape, true);
  }
  for (const name of weights.keys()) if (!known.has(name) && !ignore(name)) mismatch.unexpected.push(name);
}

/**
 * Loads checked weights ({@link checkArchitectureWeights}) into the architecture's module
 * tree, applies the masks of masked convolutions to their weights (as CompressAI's forward
 * does), and returns the entropy bottleneck's parameters.
 */
export function loadArchitectureWeights(architecture: Architecture, weights: WeightMap): FactorizedPriorParameters {
  const { modules } = architecture;
  const context = modules.contextPrediction;
  // Masks are the architecture's own (a checkpoint's is checked for its shape only).
  const own = new Set([...modules.namedTensors()].flatMap(([name, p]) => (p === context?.mask ? [] : [name])));
  modules.loadStateDict(
    [...weights].filter(([name]) => own.has(name)),
    { strict: false },
  );
  if (context) {
    context.weight.data.set(context.effectiveWeight());
    context.markChanged();
  }
  return readBottleneck(weights, architecture.priorChannels);
}

/**
 * The float weights of an architecture under CompressAI's names: the trained tensors of the
 * module tree (buffers are derived, so left out) and the entropy bottleneck's.
 */
export function architectureWeights(architecture: Architecture, prior: FactorizedPriorParameters): WeightMap {
  const out: WeightMap = new Map();
  for (const [name, tensor] of architecture.modules.namedParameters()) {
    out.set(name, { shape: tensor.shape, data: tensor.data.slice() });
  }
  for (const [name, tensor] of bottleneckWeights(prior)) out.set(name, tensor);
  return out;
}
