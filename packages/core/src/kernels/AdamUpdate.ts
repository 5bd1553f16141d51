import type { Exactness } from './exactness.js';

/**
 * One Adam step (Kingma and Ba, ICLR 2015) over a flat parameter buffer, in place, exactly as
 * PyTorch's `torch.optim.Adam` (no weight decay, no AMSGrad), after clipping the gradients'
 * global norm as `torch.nn.utils.clip_grad_norm_` does:
 * `norm = sqrt(Σ grads²)`; `g = grads · min(1, maxGradNorm / (norm + 1e-6))` (no clipping when
 * `maxGradNorm` is 0 or Infinity); `m = β1·m + (1 − β1)·g`; `v = β2·v + (1 − β2)·g²`;
 * `params −= (lr / (1 − β1^step)) · m / (sqrt(v) / sqrt(1 − β2^step) + ε)`.
 * `params`, `m` and `v` are updated in place; `grads` is left as it was.
 */
export const AdamUpdate = 'AdamUpdate';
export interface AdamUpdateInputs {
  readonly params: Float32Array;
  readonly grads: Float32Array;
  /** First moments, as long as `params` (zeros before the first step). */
  readonly m: Float32Array;
  /** Second moments, as long as `params` (zeros before the first step). */
  readonly v: Float32Array;
}
export interface AdamUpdateAttrs {
  readonly learningRate: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly epsilon: number;
  /** The step count including this one: 1 for the first step (bias correction). */
  readonly step: number;
  /** 0 or Infinity: no clipping. */
  readonly maxGradNorm: number;
}
export interface AdamUpdateOutputs {
  /** The gradients' global norm before clipping. */
  readonly gradNorm: number;
}
export const AdamUpdateExactness: Exactness = { atol: 1e-6, rtol: 1e-5 };
