import { checkFloat32Array } from './conv2d-inputs.js';
import { invalidArgument, LicoError } from './errors.js';
import type { ActivationAttrs, ActivationKind } from './kernels/Activation.js';
import type { AdamUpdateAttrs, AdamUpdateInputs } from './kernels/AdamUpdate.js';
import type { GdnAttrs, GdnInputs } from './kernels/Gdn.js';
import type { GdnBackpropInputs } from './kernels/GdnBackprop.js';

const MAX_ELEMENTS = 2 ** 29;

/** Checks {@link Gdn}'s inputs; returns the number of input values. */
export function checkGdnInputs(inputs: GdnInputs, attrs: GdnAttrs): number {
  for (const name of ['batch', 'channels', 'height', 'width'] as const) {
    const value = attrs[name];
    if (!Number.isInteger(value) || value < 1) invalidArgument(name, 'a positive integer', value);
  }
  if (typeof attrs.inverse !== 'boolean') invalidArgument('inverse', 'a boolean', attrs.inverse);
  const n = attrs.batch * attrs.channels * attrs.height * attrs.width;
  if (n > MAX_ELEMENTS || attrs.channels * attrs.channels > MAX_ELEMENTS) {
    throw new LicoError('LICO_LIMIT_EXCEEDED', `Gdn tensors hold at most ${MAX_ELEMENTS} values`);
  }
  checkFloat32Array('input', inputs.input, n);
  checkFloat32Array('beta', inputs.beta, attrs.channels);
  checkFloat32Array('gamma', inputs.gamma, attrs.channels * attrs.channels);
  return n;
}

/** Checks {@link GdnBackprop}'s inputs; returns the number of input values. */
export function checkGdnBackpropInputs(inputs: GdnBackpropInputs, attrs: GdnAttrs): number {
  const n = checkGdnInputs({ input: inputs.input, beta: new Float32Array(attrs.channels), gamma: inputs.gamma }, attrs);
  checkFloat32Array('norm', inputs.norm, n);
  checkFloat32Array('outputGrad', inputs.outputGrad, n);
  return n;
}

const ACTIVATIONS: readonly ActivationKind[] = ['relu', 'leakyRelu', 'sigmoid', 'tanh', 'softplus'];

/** Checks an {@link Activation}'s attributes; returns the negative slope (0.01 unless given). */
export function checkActivationAttrs(attrs: ActivationAttrs): number {
  if (!ACTIVATIONS.includes(attrs.kind)) invalidArgument('kind', `one of ${ACTIVATIONS.join(', ')}`, attrs.kind);
  const slope = attrs.negativeSlope ?? 0.01;
  if (!Number.isFinite(slope)) invalidArgument('negativeSlope', 'a finite number', slope);
  return slope;
}

/** Checks an elementwise kernel's tensors: Float32Arrays of equal length. */
export function checkSameLength(tensors: Readonly<Record<string, Float32Array>>): number {
  const entries = Object.entries(tensors);
  const [firstName, first] = entries[0];
  if (!(first instanceof Float32Array)) invalidArgument(firstName, 'a Float32Array', first);
  for (const [name, tensor] of entries) checkFloat32Array(name, tensor, first.length);
  return first.length;
}

/** Checks {@link AdamUpdate}'s inputs and attributes; returns the parameter count. */
export function checkAdamUpdateInputs(inputs: AdamUpdateInputs, attrs: AdamUpdateAttrs): number {
  const n = checkSameLength({ params: inputs.params, grads: inputs.grads, m: inputs.m, v: inputs.v });
  const inUnit = (name: 'beta1' | 'beta2') => {
    if (!(attrs[name] >= 0 && attrs[name] < 1)) invalidArgument(name, 'a number in [0, 1)', attrs[name]);
  };
  inUnit('beta1');
  inUnit('beta2');
  if (!(attrs.learningRate >= 0) || !Number.isFinite(attrs.learningRate))
    invalidArgument('learningRate', 'a finite number ≥ 0', attrs.learningRate);
  if (!(attrs.epsilon > 0)) invalidArgument('epsilon', 'a number > 0', attrs.epsilon);
  if (!Number.isInteger(attrs.step) || attrs.step < 1) invalidArgument('step', 'a positive integer', attrs.step);
  if (!(attrs.maxGradNorm >= 0))
    invalidArgument('maxGradNorm', 'a number ≥ 0 (0 or Infinity: no clipping)', attrs.maxGradNorm);
  return n;
}
