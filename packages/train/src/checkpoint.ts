import { LicoError } from '@lico/core';
import { readSafetensors, type WeightMap, writeSafetensors } from '@lico/models';
import type { Adam } from './optim.js';
import type { Parameters, StateDict } from './parameters.js';

/** What a training run was started with; a resumed run must match it. */
export interface RunIdentity {
  readonly arch: string;
  readonly N: number;
  readonly M: number;
  readonly lambda: number;
  readonly seed: number;
}

/** A checkpoint's contents besides the tensors. */
export interface CheckpointState extends RunIdentity {
  /** Training steps done. */
  readonly step: number;
  /** Seconds of training so far, over every run that led here. */
  readonly seconds: number;
}

const FORMAT = 'lico-train-checkpoint-1';
const MOMENTS = ['m', 'v'] as const;

/**
 * A training checkpoint as safetensors: every parameter under its state-dict name, each
 * optimizer's moments as `optimizer.<group>.m` / `.v`, and the run's identity, step and
 * optimizer step counts in the metadata. Enough to continue a run exactly where it stopped.
 */
export function encodeCheckpoint(
  parameters: Parameters,
  optimizers: Readonly<Record<string, Adam>>,
  state: CheckpointState,
): Uint8Array {
  const tensors: WeightMap = new Map();
  for (const [name, tensor] of parameters.stateDict()) tensors.set(name, { shape: tensor.shape, data: tensor.data });
  const steps: Record<string, number> = {};
  for (const [group, adam] of Object.entries(optimizers)) {
    for (const moment of MOMENTS)
      tensors.set(`optimizer.${group}.${moment}`, { shape: [adam[moment].length], data: adam[moment] });
    steps[group] = adam.stepCount;
  }
  return writeSafetensors(tensors, {
    format: FORMAT,
    state: JSON.stringify(state),
    optimizerSteps: JSON.stringify(steps),
  });
}

/** Restores parameters and optimizers from {@link encodeCheckpoint}'s bytes; returns the state. */
export function restoreCheckpoint(
  bytes: Uint8Array,
  parameters: Parameters,
  optimizers: Readonly<Record<string, Adam>>,
  expected: RunIdentity,
): CheckpointState {
  const { metadata, tensors } = readSafetensors(bytes);
  if (metadata.format !== FORMAT) {
    throw new LicoError(
      'LICO_WEIGHTS_INVALID',
      `not a Lico training checkpoint (format ${metadata.format ?? 'missing'})`,
    );
  }
  const state = JSON.parse(metadata.state) as CheckpointState;
  for (const key of ['arch', 'N', 'M', 'lambda', 'seed'] as const) {
    if (state[key] !== expected[key]) {
      throw new LicoError(
        'LICO_INVALID_ARGUMENT',
        `the checkpoint was trained with ${key} = ${state[key]}, not ${expected[key]}; use the same options to resume`,
      );
    }
  }
  const own = new Map([...tensors].filter(([name]) => !name.startsWith('optimizer.')));
  parameters.loadStateDict(own as StateDict);
  const steps = JSON.parse(metadata.optimizerSteps) as Record<string, number>;
  for (const [group, adam] of Object.entries(optimizers)) {
    for (const moment of MOMENTS) {
      const saved = tensors.get(`optimizer.${group}.${moment}`);
      if (!saved || saved.data.length !== adam[moment].length) {
        throw new LicoError('LICO_WEIGHTS_MISMATCH', `the checkpoint has no matching optimizer.${group}.${moment}`);
      }
      adam[moment].set(saved.data);
    }
    adam.stepCount = steps[group] ?? 0;
  }
  return state;
}
