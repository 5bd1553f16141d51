import { invalidArgument } from '@lico/core';
import type { ForwardOptions, TrainableModel } from './models/scale-hyperprior.js';
import { psnr, rateDistortionLoss } from './ops/losses.js';
import type { Adam } from './optim.js';
import { backward, type Variable } from './variable.js';

/** Options of {@link trainStep}. */
export interface TrainStepOptions extends ForwardOptions {
  /** λ of the rate-distortion trade-off (CompressAI's ladder: 0.0018 … 0.18 for MSE). */
  readonly lambda: number;
  /** 'mse' (default) or 'ms-ssim'. */
  readonly metric?: 'mse' | 'ms-ssim';
}

/** What one training step did, and how long its phases took. */
export interface TrainStepResult {
  readonly loss: number;
  readonly bpp: number;
  readonly mse?: number;
  readonly psnr?: number;
  readonly msSsim?: number;
  readonly auxLoss?: number;
  readonly gradNorm: number;
  readonly learningRate: number;
  /** Seconds of the forward pass (with the loss), the backward pass and the optimizer steps. */
  readonly seconds: { readonly forward: number; readonly backward: number; readonly optimizer: number };
}

/**
 * One step of CompressAI's training loop: forward, rate-distortion loss, backward, Adam on the
 * main parameters (with its clipping), then the entropy bottleneck's auxiliary loss and its own
 * Adam step when the model has one and `optimizers.aux` is given.
 */
export function trainStep(
  model: TrainableModel,
  x: Variable,
  optimizers: { readonly main: Adam; readonly aux?: Adam },
  options: TrainStepOptions,
): TrainStepResult {
  if (!(options.lambda >= 0)) invalidArgument('lambda', 'a number ≥ 0', options.lambda);
  model.parameters.zeroGrad();
  const t0 = performance.now();
  const out = model.forward(x, options);
  const rd = rateDistortionLoss(out.xHat, x, Object.values(out.likelihoods), options);
  const t1 = performance.now();
  const [loss, bpp, mse, msSsim] = [rd.loss.item(), rd.bpp.item(), rd.mse?.item(), rd.msSsim?.item()];
  // Nothing reads the forward pass's results after this: their memory serves the next step.
  backward(rd.loss, { recycleValues: true });
  const t2 = performance.now();
  const main = optimizers.main.step();
  let auxLoss: number | undefined;
  if (optimizers.aux && model.auxLoss) {
    const aux = model.auxLoss();
    auxLoss = aux.item();
    backward(aux, { recycleValues: true });
    optimizers.aux.step();
  }
  const t3 = performance.now();
  return {
    loss,
    bpp,
    mse,
    psnr: mse === undefined ? undefined : psnr(mse),
    msSsim,
    auxLoss,
    gradNorm: main.gradNorm,
    learningRate: main.learningRate,
    seconds: { forward: (t1 - t0) / 1000, backward: (t2 - t1) / 1000, optimizer: (t3 - t2) / 1000 },
  };
}
