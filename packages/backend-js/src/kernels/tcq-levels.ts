/** The reconstruction level of index k under quantizer q (fixed point): 2k·step or (2k − sgn k)·step. */
export function tcqLevel(k: number, quantizer: number, step: number): number {
  return quantizer === 0 ? 2 * k * step : (2 * k - Math.sign(k)) * step;
}
