import type { Exactness } from './exactness.js';

/** The activations {@link Activation} computes. */
export type ActivationKind = 'relu' | 'leakyRelu' | 'sigmoid' | 'tanh' | 'softplus';

/**
 * An elementwise activation: `relu` max(x, 0); `leakyRelu` x for x ≥ 0 else
 * `negativeSlope · x`; `sigmoid` 1/(1 + e^−x); `tanh`; `softplus` log(1 + e^x), computed as
 * `max(x, 0) + log1p(e^−|x|)` (PyTorch returns x itself above 20, within float32 of this).
 */
export const Activation = 'Activation';
export interface ActivationInputs {
  readonly input: Float32Array;
}
export interface ActivationAttrs {
  readonly kind: ActivationKind;
  /** `leakyRelu` only: the slope below 0 (PyTorch's default is 0.01). */
  readonly negativeSlope?: number;
}
export type ActivationOutputs = Float32Array;
export const ActivationExactness: Exactness = { atol: 1e-6, rtol: 1e-5 };
