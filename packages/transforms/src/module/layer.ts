import { invalidArgument } from '@lico/core';
import { type FloatTensor, type Nchw, nchwOf } from '../tensor.js';
import type { EdgeReach, Spatial } from './geometry.js';
import { Module } from './module.js';

/**
 * A module that maps an NCHW float32 tensor to another: what sessions run and what exports to
 * ONNX. {@link forward} is the plain TypeScript reference (slow, obviously right: the oracle
 * every ONNX Runtime provider is tested against); the shape and geometry methods let sessions
 * pad, crop and tile without running anything.
 */
export abstract class Layer extends Module {
  /** The reference computation, in plain TypeScript (float64 sums, float32 results). */
  abstract forward(x: FloatTensor): FloatTensor;

  /** The output dims for input dims; throws `LICO_INVALID_ARGUMENT` when the input does not fit. */
  abstract outputShape(input: Nchw): Nchw;

  /** How the layer maps spatial sizes. */
  abstract get spatial(): Spatial;

  /** How far unreliable edge rows of the input spread into the output (for tiling). */
  abstract edgeReach(input: EdgeReach): EdgeReach;

  /** The channels the input must have; `undefined` for layers that take any count (activations). */
  get inputChannels(): number | undefined {
    return undefined;
  }

  /** Checks `x` against {@link outputShape} and returns its dims and the output's. */
  protected shapesOf(x: FloatTensor): { input: Nchw; output: Nchw } {
    const input = nchwOf(x, `${this.kind} input`);
    return { input, output: this.outputShape(input) };
  }
}

/** Throws unless an input has `expected` channels. */
export function checkChannels(kind: string, input: Nchw, expected: number): void {
  if (input[1] !== expected) invalidArgument(`${kind} input`, `${expected} channels`, `dims [${input.join(', ')}]`);
}
