import { Gdn, GdnBackprop, invalidArgument } from '@lico/core';
import { run } from '../engine.js';
import { accumulate, result, shapeOf, type Variable } from '../variable.js';

/** CompressAI's `NonNegativeParametrizer` offset: parameters are stored as sqrt(value + 2^−36). */
export const REPARAM_OFFSET = 2 ** -18;
const PEDESTAL = REPARAM_OFFSET ** 2;

/**
 * The effective value of a parameter stored by CompressAI's `NonNegativeParametrizer`:
 * `max(stored, sqrt(minimum + pedestal))² − pedestal` with pedestal 2^−36, whose lower bound
 * passes gradients that push the value up (`LowerBound`). GDN uses minimum 1e-6 for beta and 0
 * for gamma.
 */
export function nonNegative(stored: Variable, minimum = 0): Variable {
  const bound = Math.sqrt(minimum + PEDESTAL);
  const input = stored.data;
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) {
    const b = Math.max(input[k], bound);
    out[k] = b * b - PEDESTAL;
  }
  return result('nonNegative', out, stored.shape, [stored], (g) => {
    const grad = new Float32Array(g.length);
    for (let k = 0; k < g.length; k++) {
      // d/d(bounded) of bounded² is 2·bounded (> 0): the bound sees a gradient of g's sign.
      const up = 2 * Math.max(input[k], bound) * g[k];
      grad[k] = input[k] >= bound || up < 0 ? up : 0;
    }
    accumulate(stored, grad);
  });
}

/** The stored form of an effective value (`NonNegativeParametrizer.init`): sqrt(max(v + pedestal, pedestal)). */
export function nonNegativeInit(value: number): number {
  return Math.sqrt(Math.max(value + PEDESTAL, PEDESTAL));
}

/**
 * GDN over NCHW with effective parameters (the `Gdn` kernel): `x / sqrt(beta + gamma · x²)`, or
 * `x · sqrt(…)` when inverse (IGDN). Use {@link gdn} for parameters stored as CompressAI stores them.
 */
export function gdnEffective(x: Variable, beta: Variable, gamma: Variable, inverse: boolean): Variable {
  const [batch, channels, height, width] = shapeOf(x, 4, 'gdn(x)');
  if (beta.size !== channels) invalidArgument('gdn(beta)', `${channels} values`, beta.size);
  if (gamma.size !== channels * channels)
    invalidArgument('gdn(gamma)', `[${channels}, ${channels}]`, `[${gamma.shape.join(', ')}]`);
  const attrs = { batch, channels, height, width, inverse };
  const { output, norm } = run(Gdn, { input: x.data, beta: beta.data, gamma: gamma.data }, attrs);
  return result(
    inverse ? 'igdn' : 'gdn',
    output,
    x.shape,
    [x, beta, gamma],
    (g) => {
      const grads = run(GdnBackprop, { input: x.data, norm, outputGrad: g, gamma: gamma.data }, attrs);
      accumulate(x, grads.inputGrad);
      accumulate(beta, grads.betaGrad);
      accumulate(gamma, grads.gammaGrad);
    },
    [norm],
  );
}

/**
 * Generalized divisive normalization (Ballé et al., ICLR 2016) with CompressAI's `GDN`
 * parameters as stored in its state dicts: `beta` `[C]` and `gamma` `[C, C]` reparametrized by
 * {@link nonNegative} (minimum 1e-6 and 0). `y_i = x_i / sqrt(beta_i + Σ_j gamma_ij x_j²)`;
 * `inverse` gives IGDN, `x_i · sqrt(…)`.
 */
export function gdn(x: Variable, beta: Variable, gamma: Variable, options: { inverse?: boolean } = {}): Variable {
  return gdnEffective(x, nonNegative(beta, 1e-6), nonNegative(gamma, 0), options.inverse ?? false);
}
