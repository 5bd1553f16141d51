import { Activation, ActivationBackprop, type ActivationKind, invalidArgument } from '@lico/core';
import { run } from '../engine.js';
import { accumulate, result, Variable } from '../variable.js';

function activation(kind: ActivationKind, x: Variable, negativeSlope?: number): Variable {
  if (!(x instanceof Variable)) invalidArgument(`${kind}(x)`, 'a Variable', x);
  const attrs = { kind, negativeSlope };
  const out = run(Activation, { input: x.data }, attrs);
  return result(kind, out, x.shape, [x], (g) => {
    accumulate(x, run(ActivationBackprop, { input: x.data, outputGrad: g }, attrs));
  });
}

/** max(x, 0) (the `Activation` kernel). */
export function relu(x: Variable): Variable {
  return activation('relu', x);
}

/** x for x ≥ 0, else `negativeSlope · x` (PyTorch's default slope 0.01). */
export function leakyRelu(x: Variable, negativeSlope = 0.01): Variable {
  return activation('leakyRelu', x, negativeSlope);
}

/** 1 / (1 + e^−x). */
export function sigmoid(x: Variable): Variable {
  return activation('sigmoid', x);
}

/** tanh x. */
export function tanh(x: Variable): Variable {
  return activation('tanh', x);
}

/** log(1 + eˣ). */
export function softplus(x: Variable): Variable {
  return activation('softplus', x);
}
