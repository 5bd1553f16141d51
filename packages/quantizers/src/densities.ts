/**
 * A zero-mean continuous density of `v = y − μ`, given by its cumulative distribution. Entropy
 * models put their densities behind this interface (a Gaussian of scale σ, a mixture, …);
 * quantizers integrate them over decision cells to get index probabilities.
 */
export interface ScalarDensity {
  /** P(V ≤ x). */
  cdf(x: number): number;
  /** Variance, for reports and bounds. */
  readonly variance: number;
}

/**
 * erfc with fractional error below 1.2e-7 everywhere (Chebyshev fit, Numerical Recipes §6.2):
 * float32 accuracy, tails included.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Gaussian of standard deviation `scale`. */
export class GaussianDensity implements ScalarDensity {
  readonly variance: number;
  constructor(readonly scale: number) {
    if (!(scale > 0)) throw new RangeError(`GaussianDensity needs a positive scale; got ${scale}`);
    this.variance = scale * scale;
  }
  cdf(x: number): number {
    return 0.5 * erfc(-x / (this.scale * Math.SQRT2));
  }
}

/** Laplacian of diversity `b` (variance 2b²). */
export class LaplacianDensity implements ScalarDensity {
  readonly variance: number;
  constructor(readonly diversity: number) {
    if (!(diversity > 0)) throw new RangeError(`LaplacianDensity needs a positive diversity; got ${diversity}`);
    this.variance = 2 * diversity * diversity;
  }
  cdf(x: number): number {
    return x < 0 ? 0.5 * Math.exp(x / this.diversity) : 1 - 0.5 * Math.exp(-x / this.diversity);
  }
}
