import { type ContainerQuantizer, LicoError } from '@lico/core';
import { DeadZoneQuantizer, type Quantizer, TcqQuantizer, toFixedStep, UniformQuantizer } from '@lico/quantizers';

/** The quantizers an encoder can choose (`tcq`: 8 states). */
export const CODEC_QUANTIZERS = ['uniform', 'deadzone', 'tcq'] as const;
export type CodecQuantizer = (typeof CODEC_QUANTIZERS)[number];

/** The dead-zone quantizer's rounding offset θ. */
const DEADZONE_THETA = 1 / 3;

/**
 * TCQ's λ for a step Δ: `c·(2Δ)²` with c = 1/16, in the middle of the range `lico bench
 * quantizers` sweeps (the Q0/Q1 levels are 2Δ apart, so the distortion scales with (2Δ)²),
 * capped at the trellis's largest λ, 64 (Δ > 16). The decoder does not need it.
 */
export function tcqLambda(step: number): number {
  return Math.min((2 * step) ** 2 / 16, 64);
}

/** Quantizers kept for reuse, by kind and fixed step: a model keeps its tables per quantizer object. */
const recent = new Map<string, Quantizer>();
const KEPT = 16;

function make(kind: ContainerQuantizer, step: number): Quantizer {
  switch (kind) {
    case 'uniform':
      return new UniformQuantizer({ step });
    case 'deadzone':
      return new DeadZoneQuantizer({ step, theta: DEADZONE_THETA });
    default:
      return new TcqQuantizer({ step, lambda: tcqLambda(step), states: kind === 'tcq4' ? 4 : 8 });
  }
}

/**
 * The quantizer of a kind and fixed step (`round(Δ·2^8)`), the same object for the same
 * arguments while it is among the last 16 asked for (so a model's tables for it are built once,
 * and a stream of files with ever new steps cannot make them pile up).
 */
export function quantizerOf(kind: ContainerQuantizer, fixedStep: number): Quantizer {
  const key = `${kind} ${fixedStep}`;
  const quantizer = recent.get(key) ?? make(kind, fixedStep / 2 ** 8);
  recent.delete(key);
  recent.set(key, quantizer);
  if (recent.size > KEPT) recent.delete(recent.keys().next().value as string);
  return quantizer;
}

/** An encoder's choice as the container's kind and fixed step; `LICO_INVALID_ARGUMENT` for anything else. */
export function encoderQuantizer(
  choice: CodecQuantizer,
  step: number,
): { kind: ContainerQuantizer; fixedStep: number; quantizer: Quantizer } {
  if (!CODEC_QUANTIZERS.includes(choice)) {
    throw new LicoError(
      'LICO_INVALID_ARGUMENT',
      `quantizer must be one of ${CODEC_QUANTIZERS.join(', ')}; got ${JSON.stringify(choice)}`,
    );
  }
  const kind: ContainerQuantizer = choice === 'tcq' ? 'tcq8' : choice;
  const fixedStep = toFixedStep(step);
  return { kind, fixedStep, quantizer: quantizerOf(kind, fixedStep) };
}
