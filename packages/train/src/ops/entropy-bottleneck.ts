import { invalidArgument } from '@lico/core';
import type { ParameterSpec, Parameters } from '../parameters.js';
import { detach, shapeOf, type Variable } from '../variable.js';
import { sigmoid, softplus, tanh } from './activations.js';
import { abs, add, addScalar, constant, lowerBound, mul, sub } from './elementwise.js';
import { matmul, sum } from './reduce.js';
import { channelsFirst, channelsLast, reshape } from './shape.js';

/** The factorized prior's hyper-parameters (CompressAI's `EntropyBottleneck` defaults). */
export interface EntropyBottleneckOptions {
  /** Hidden widths of the per-channel density network: (3, 3, 3, 3). */
  readonly filters?: readonly number[];
  /** 10. */
  readonly initScale?: number;
  /** Probability mass outside the quantiles: 1e-9. */
  readonly tailMass?: number;
  /** Lower bound of likelihoods: 1e-9. */
  readonly likelihoodBound?: number;
}

function widths(options: EntropyBottleneckOptions): number[] {
  return [1, ...(options.filters ?? [3, 3, 3, 3]), 1];
}

/**
 * The parameters of CompressAI's `EntropyBottleneck` (Ballé et al., "Variational image
 * compression with a scale hyperprior", ICLR 2018, appendix 6.1) for `channels` channels, under
 * its state-dict names below `prefix`: `_matrix{i}` `[C, out, in]` (filled with
 * log(expm1(1/scale/out)), scale = initScale^(1/(layers))), `_bias{i}` `[C, out, 1]` (U(−½, ½)),
 * `_factor{i}` `[C, out, 1]` (zeros) and `quantiles` `[C, 1, 3]` (−initScale, 0, initScale;
 * optimizer group `'aux'`).
 */
export function entropyBottleneckSpecs(
  prefix: string,
  channels: number,
  options: EntropyBottleneckOptions = {},
): ParameterSpec[] {
  const f = widths(options);
  const initScale = options.initScale ?? 10;
  const scale = initScale ** (1 / (f.length - 1));
  const specs: ParameterSpec[] = [];
  for (let i = 0; i < f.length - 1; i++) {
    const init = Math.log(Math.expm1(1 / scale / f[i + 1]));
    specs.push({ name: `${prefix}._matrix${i}`, shape: [channels, f[i + 1], f[i]], init: (d) => d.fill(init) });
    specs.push({
      name: `${prefix}._bias${i}`,
      shape: [channels, f[i + 1], 1],
      init: (d, random) => {
        for (let k = 0; k < d.length; k++) d[k] = random() - 0.5;
      },
    });
    if (i < f.length - 2)
      specs.push({ name: `${prefix}._factor${i}`, shape: [channels, f[i + 1], 1], init: (d) => d.fill(0) });
  }
  specs.push({
    name: `${prefix}.quantiles`,
    shape: [channels, 1, 3],
    group: 'aux',
    init: (d) => {
      for (let c = 0; c < channels; c++) d.set([-initScale, 0, initScale], c * 3);
    },
  });
  return specs;
}

interface DensityNetwork {
  readonly matrices: Variable[];
  readonly biases: Variable[];
  readonly factors: Variable[];
}

// softplus(matrix) and tanh(factor) once per forward pass, shared by every call of logitsCumulative.
function densityNetwork(params: Parameters, prefix: string, options: EntropyBottleneckOptions, stop: boolean) {
  const layers = widths(options).length - 1;
  const take = (name: string) => (stop ? detach(params.get(name)) : params.get(name));
  const network: DensityNetwork = { matrices: [], biases: [], factors: [] };
  for (let i = 0; i < layers; i++) {
    network.matrices.push(softplus(take(`${prefix}._matrix${i}`)));
    network.biases.push(take(`${prefix}._bias${i}`));
    if (i < layers - 1) network.factors.push(tanh(take(`${prefix}._factor${i}`)));
  }
  return network;
}

// CompressAI's _logits_cumulative: values [C, 1, B] through the per-channel network.
function logitsCumulative(values: Variable, network: DensityNetwork): Variable {
  let logits = values;
  network.matrices.forEach((matrix, i) => {
    logits = add(matmul(matrix, logits), network.biases[i]);
    if (i < network.factors.length) logits = add(logits, mul(network.factors[i], tanh(logits)));
  });
  return logits;
}

/** −sign(x) as a constant: CompressAI's detached sign trick. */
function negatedSign(x: Variable): Variable {
  const sign = new Float32Array(x.size);
  for (let k = 0; k < sign.length; k++) sign[k] = -Math.sign(x.data[k]);
  return constant(sign, x.shape);
}

/**
 * The factorized prior's likelihood of (noisy or quantized) values `z` `[N, C, H, W]`:
 * CompressAI's `EntropyBottleneck._likelihood`, `|σ(s·upper) − σ(s·lower)|` with
 * lower/upper the cumulative logits at z ∓ ½ and s = −sign(lower + upper) (detached), bounded
 * below by 1e-9.
 */
export function entropyBottleneckLikelihood(
  z: Variable,
  params: Parameters,
  prefix = 'entropy_bottleneck',
  options: EntropyBottleneckOptions = {},
): Variable {
  const [n, c, h, w] = shapeOf(z, 4, 'entropyBottleneckLikelihood(z)');
  const matrix = params.get(`${prefix}._matrix0`);
  if (matrix.shape[0] !== c) invalidArgument('z', `${matrix.shape[0]} channels`, c);
  const network = densityNetwork(params, prefix, options, false);
  const values = reshape(channelsFirst(z), [c, 1, n * h * w]);
  const lower = logitsCumulative(addScalar(values, -0.5), network);
  const upper = logitsCumulative(addScalar(values, 0.5), network);
  const sign = negatedSign(add(lower, upper));
  const likelihood = abs(sub(sigmoid(mul(sign, upper)), sigmoid(mul(sign, lower))));
  const bounded = lowerBound(likelihood, options.likelihoodBound ?? 1e-9);
  return channelsLast(reshape(bounded, [c, n * h * w]), [n, c, h, w]);
}

/**
 * The auxiliary loss that fits `quantiles` to the density's tails and median (CompressAI's
 * `EntropyBottleneck.loss()`): Σ |logits(quantiles) − target| with target
 * (−t, 0, t), t = log(2/tailMass − 1); only `quantiles` gets a gradient.
 */
export function entropyBottleneckAuxLoss(
  params: Parameters,
  prefix = 'entropy_bottleneck',
  options: EntropyBottleneckOptions = {},
): Variable {
  const quantiles = params.get(`${prefix}.quantiles`);
  const network = densityNetwork(params, prefix, options, true);
  const logits = logitsCumulative(quantiles, network);
  const t = Math.log(2 / (options.tailMass ?? 1e-9) - 1);
  const channels = quantiles.shape[0];
  const target = new Float32Array(quantiles.size);
  for (let k = 0; k < channels; k++) target.set([-t, 0, t], k * 3);
  return sum(abs(sub(logits, constant(target, quantiles.shape))));
}

/** The quantiles' middle values: the medians CompressAI rounds around when it dequantizes. */
export function entropyBottleneckMedians(params: Parameters, prefix = 'entropy_bottleneck'): Float32Array {
  const quantiles = params.get(`${prefix}.quantiles`).data;
  return Float32Array.from({ length: quantiles.length / 3 }, (_, c) => quantiles[c * 3 + 1]);
}
