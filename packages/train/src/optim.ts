import { AdamUpdate, invalidArgument } from '@lico/core';
import { run } from './engine.js';

/** A learning rate per step (1-based). */
export type LearningRateSchedule = (step: number) => number;

/**
 * PyTorch's `MultiStepLR`: `base`, multiplied by `gamma` at each milestone step reached.
 *
 * @example
 * ```ts
 * import { multiStepSchedule } from '@lico/train';
 * const lr = multiStepSchedule(1e-4, [100, 200], 0.1);
 * console.log(lr(1), lr(150), lr(250)); // 0.0001 0.00001 0.000001 (approximately)
 * ```
 */
export function multiStepSchedule(base: number, milestones: readonly number[], gamma = 0.1): LearningRateSchedule {
  return (step) => base * gamma ** milestones.filter((m) => step >= m).length;
}

/**
 * `schedule` with its first `steps` steps scaled up linearly: step k gets k/steps of its rate.
 * For a run that starts Adam from zero moments on trained weights (`--init`): Adam's first
 * updates move every parameter by about the whole learning rate, however noisy its gradient,
 * and undo part of what the weights had learned before the moments settle.
 *
 * @example
 * ```ts
 * import { linearWarmup, multiStepSchedule } from '@lico/train';
 * const lr = linearWarmup(multiStepSchedule(1e-4, []), 100);
 * console.log(lr(1), lr(50), lr(100), lr(500)); // 0.000001 0.00005 0.0001 0.0001
 * ```
 */
export function linearWarmup(schedule: LearningRateSchedule, steps: number): LearningRateSchedule {
  if (!(Number.isInteger(steps) && steps >= 0)) invalidArgument('steps', 'an integer ≥ 0', steps);
  return (step) => schedule(step) * Math.min(1, step / Math.max(steps, 1));
}

/** Adam's options: PyTorch's defaults, plus CompressAI's gradient clipping (off by default). */
export interface AdamOptions {
  /** A number or a schedule: 1e-4 (CompressAI's training default). */
  readonly learningRate?: number | LearningRateSchedule;
  readonly beta1?: number;
  readonly beta2?: number;
  readonly epsilon?: number;
  /** Clip the gradients' global norm to this first (`clip_grad_norm_`); 0 for none. */
  readonly maxGradNorm?: number;
}

/** What one {@link Adam.step} did. */
export interface AdamStep {
  readonly step: number;
  readonly learningRate: number;
  /** The gradients' global norm before clipping. */
  readonly gradNorm: number;
}

/**
 * Adam (Kingma and Ba, ICLR 2015; PyTorch's `torch.optim.Adam`) over a flat buffer of values and
 * their gradients (a group of {@link Parameters}), one `AdamUpdate` kernel call per step.
 */
export class Adam {
  readonly values: Float32Array;
  readonly grads: Float32Array;
  /** First and second moments, as long as `values`. */
  readonly m: Float32Array;
  readonly v: Float32Array;
  /** Steps taken so far. */
  stepCount = 0;
  readonly #schedule: LearningRateSchedule;
  readonly #options: Required<Omit<AdamOptions, 'learningRate'>>;

  constructor(group: { values: Float32Array; grads: Float32Array }, options: AdamOptions = {}) {
    if (
      !(group.values instanceof Float32Array) ||
      !(group.grads instanceof Float32Array) ||
      group.values.length !== group.grads.length
    )
      invalidArgument('group', 'values and grads: Float32Arrays of one length', group);
    this.values = group.values;
    this.grads = group.grads;
    this.m = new Float32Array(group.values.length);
    this.v = new Float32Array(group.values.length);
    const lr = options.learningRate ?? 1e-4;
    this.#schedule = typeof lr === 'function' ? lr : () => lr;
    this.#options = {
      beta1: options.beta1 ?? 0.9,
      beta2: options.beta2 ?? 0.999,
      epsilon: options.epsilon ?? 1e-8,
      maxGradNorm: options.maxGradNorm ?? 0,
    };
  }

  /** Updates the values from their gradients (which it leaves as they are). */
  step(): AdamStep {
    const step = this.stepCount + 1;
    const learningRate = this.#schedule(step);
    const { gradNorm } = run(
      AdamUpdate,
      { params: this.values, grads: this.grads, m: this.m, v: this.v },
      { ...this.#options, learningRate, step },
    );
    this.stepCount = step;
    return { step, learningRate, gradNorm };
  }

  /** Sets the gradients to zero. */
  zeroGrad(): void {
    this.grads.fill(0);
  }
}
