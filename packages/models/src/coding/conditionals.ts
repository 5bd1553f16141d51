import { type BackendName, invalidArgument } from '@lico/core';
import { GaussianConditional, GaussianMixtureConditional } from '@lico/entropy-models';
import type { Quantizer } from '@lico/quantizers';
import type { Architecture } from '../architectures/architecture.js';

/** The model that codes y given its parameters. */
export type Conditional = GaussianConditional | GaussianMixtureConditional;

/**
 * Refuses a quantizer the architecture's entropy model cannot code with, saying why: the
 * factorized prior rounds (uniform, step 1); the mixture takes uniform quantizers only (its
 * tables shift by whole steps); the autoregressive context codes one position at a time, so
 * scalar quantizers only (TCQ decides whole sequences). Gaussian hyperpriors take any.
 */
export function checkQuantizer(architecture: Architecture, quantizer: Quantizer | undefined): void {
  if (!quantizer) return;
  const got = `${quantizer.name} (step ${quantizer.step})`;
  switch (architecture.entropy) {
    case 'factorized':
      if (quantizer.name !== 'uniform' || quantizer.step !== 1) {
        invalidArgument(
          'options.quantizer',
          `the uniform quantizer of step 1 for ${architecture.name}, whose factorized prior codes y by rounding`,
          got,
        );
      }
      return;
    case 'checkerboard-mixture':
      if (quantizer.name !== 'uniform') {
        invalidArgument(
          'options.quantizer',
          `a uniform quantizer for ${architecture.name}: its Gaussian mixture codes uncentered indexes with tables that shift by whole steps`,
          got,
        );
      }
      return;
    case 'autoregressive':
      if (quantizer.subQuantizers !== 1) {
        invalidArgument(
          'options.quantizer',
          `a scalar quantizer (uniform or dead-zone) for ${architecture.name}: its context model codes one position at a time, and TCQ decides whole sequences`,
          got,
        );
      }
      return;
    default:
      return;
  }
}

/**
 * The conditional model of an architecture for each quantizer, built (tables and all) once
 * per quantizer object and kept.
 */
export class ConditionalModels {
  readonly #byQuantizer = new WeakMap<Quantizer, Promise<Conditional>>();
  #default: Promise<Conditional> | undefined;

  constructor(private readonly architecture: Architecture) {}

  get(quantizer: Quantizer | undefined, backend: BackendName | undefined): Promise<Conditional> {
    checkQuantizer(this.architecture, quantizer);
    const cached = quantizer ? this.#byQuantizer.get(quantizer) : this.#default;
    if (cached) return cached;
    const built = this.#build(quantizer, backend);
    if (quantizer) this.#byQuantizer.set(quantizer, built);
    else this.#default = built;
    built.catch(() => {
      if (quantizer) this.#byQuantizer.delete(quantizer);
      else this.#default = undefined;
    });
    return built;
  }

  async #build(quantizer: Quantizer | undefined, backend: BackendName | undefined): Promise<Conditional> {
    const { entropy } = this.architecture;
    if (entropy === 'checkerboard-mixture') {
      const mixture = new GaussianMixtureConditional({ quantizer });
      await mixture.update();
      return mixture;
    }
    const gaussian = new GaussianConditional({ quantizer, means: entropy !== 'scale-hyperprior' });
    await gaussian.update(backend);
    return gaussian;
  }
}
