import { invalidArgument } from '@lico/core';
import { accumulate, result, Variable } from '../variable.js';
import { broadcastIndex, broadcastShape, reduceToShape, sameShape } from './broadcast.js';

/** A constant (no gradient) of the given values; a number becomes a scalar. */
export function constant(values: number | Float32Array, shape?: readonly number[]): Variable {
  if (typeof values === 'number') return Variable.scalar(values);
  return new Variable(values, shape ?? [values.length]);
}

const BinaryKind = { Add: 0, Sub: 1, Mul: 2, Div: 3 } as const;
type BinaryKind = (typeof BinaryKind)[keyof typeof BinaryKind];

function gather(values: Float32Array, index: Int32Array): Float32Array {
  const out = new Float32Array(index.length);
  for (let k = 0; k < index.length; k++) out[k] = values[index[k]];
  return out;
}

/**
 * An elementwise binary operation with NumPy broadcasting; the gradient of a broadcast operand
 * is summed back to its shape. One loop per kind: these run over whole feature maps.
 */
function binary(op: string, kind: BinaryKind, a: Variable, b: Variable): Variable {
  if (!(a instanceof Variable)) invalidArgument(`${op}(a)`, 'a Variable', a);
  if (!(b instanceof Variable)) invalidArgument(`${op}(b)`, 'a Variable', b);
  const shape = broadcastShape(a.shape, b.shape);
  const n = shape.reduce((x, y) => x * y, 1);
  const ia = sameShape(a.shape, shape) ? undefined : broadcastIndex(a.shape, shape);
  const ib = sameShape(b.shape, shape) ? undefined : broadcastIndex(b.shape, shape);
  // Operands gathered to the output's shape (the arrays themselves when not broadcast).
  const x = ia ? gather(a.data, ia) : a.data;
  const y = ib ? gather(b.data, ib) : b.data;
  const out = new Float32Array(n);
  switch (kind) {
    case BinaryKind.Add:
      for (let k = 0; k < n; k++) out[k] = x[k] + y[k];
      break;
    case BinaryKind.Sub:
      for (let k = 0; k < n; k++) out[k] = x[k] - y[k];
      break;
    case BinaryKind.Mul:
      for (let k = 0; k < n; k++) out[k] = x[k] * y[k];
      break;
    case BinaryKind.Div:
      for (let k = 0; k < n; k++) out[k] = x[k] / y[k];
      break;
  }
  return result(op, out, shape, [a, b], (g) => {
    if (a.requiresGrad) {
      let ga = g;
      if (kind === BinaryKind.Mul) ga = product(g, y);
      else if (kind === BinaryKind.Div) ga = quotient(g, y);
      const reduced = reduceToShape(ga, shape, a.shape);
      accumulate(a, reduced, reduced === g);
    }
    if (b.requiresGrad) {
      let gb = g;
      if (kind === BinaryKind.Sub) gb = negated(g);
      else if (kind === BinaryKind.Mul) gb = product(g, x);
      else if (kind === BinaryKind.Div) gb = quotientGrad(g, x, y);
      const reduced = reduceToShape(gb, shape, b.shape);
      accumulate(b, reduced, reduced === g);
    }
  });
}

// Gradient loops as plain functions: V8 optimizes them once for every operation that uses them.
function product(g: Float32Array, y: Float32Array): Float32Array {
  const out = new Float32Array(g.length);
  for (let k = 0; k < g.length; k++) out[k] = g[k] * y[k];
  return out;
}

function quotient(g: Float32Array, y: Float32Array): Float32Array {
  const out = new Float32Array(g.length);
  for (let k = 0; k < g.length; k++) out[k] = g[k] / y[k];
  return out;
}

function quotientGrad(g: Float32Array, x: Float32Array, y: Float32Array): Float32Array {
  const out = new Float32Array(g.length);
  for (let k = 0; k < g.length; k++) out[k] = (-g[k] * x[k]) / (y[k] * y[k]);
  return out;
}

function negated(g: Float32Array): Float32Array {
  const out = new Float32Array(g.length);
  for (let k = 0; k < g.length; k++) out[k] = -g[k];
  return out;
}

/** a + b (broadcasting). */
export function add(a: Variable, b: Variable): Variable {
  return binary('add', BinaryKind.Add, a, b);
}

/** a − b (broadcasting). */
export function sub(a: Variable, b: Variable): Variable {
  return binary('sub', BinaryKind.Sub, a, b);
}

/** a · b (broadcasting). */
export function mul(a: Variable, b: Variable): Variable {
  return binary('mul', BinaryKind.Mul, a, b);
}

/** a / b (broadcasting). */
export function div(a: Variable, b: Variable): Variable {
  return binary('div', BinaryKind.Div, a, b);
}

/**
 * The result of an elementwise unary operation whose derivative at every input is already in
 * `derivative` (each operation fills both in its own loop, which V8 optimizes for it alone).
 */
function unaryResult(op: string, x: Variable, out: Float32Array, derivative: Float32Array): Variable {
  return result(op, out, x.shape, [x], (g) => accumulate(x, product(g, derivative)));
}

function checkVariable(op: string, x: Variable): Float32Array {
  if (!(x instanceof Variable)) invalidArgument(`${op}(x)`, 'a Variable', x);
  return x.data;
}

/** −x. */
export function neg(x: Variable): Variable {
  const input = checkVariable('neg', x);
  return unaryResult('neg', x, negated(input), new Float32Array(input.length).fill(-1));
}

/** c · x for a number c. */
export function scale(x: Variable, c: number): Variable {
  const input = checkVariable('scale', x);
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) out[k] = c * input[k];
  return unaryResult('scale', x, out, new Float32Array(input.length).fill(c));
}

/** x + c for a number c. */
export function addScalar(x: Variable, c: number): Variable {
  const input = checkVariable('addScalar', x);
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) out[k] = input[k] + c;
  return result('addScalar', out, x.shape, [x], (g) => accumulate(x, g, true));
}

/** x². */
export function square(x: Variable): Variable {
  const input = checkVariable('square', x);
  const out = new Float32Array(input.length);
  const d = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) {
    out[k] = input[k] * input[k];
    d[k] = 2 * input[k];
  }
  return unaryResult('square', x, out, d);
}

/** √x. */
export function sqrt(x: Variable): Variable {
  const input = checkVariable('sqrt', x);
  const out = new Float32Array(input.length);
  const d = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) {
    const r = Math.sqrt(input[k]);
    out[k] = r;
    d[k] = 0.5 / r;
  }
  return unaryResult('sqrt', x, out, d);
}

/** eˣ. */
export function exp(x: Variable): Variable {
  const input = checkVariable('exp', x);
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) out[k] = Math.exp(input[k]);
  return unaryResult('exp', x, out, out);
}

/** The natural logarithm. */
export function log(x: Variable): Variable {
  const input = checkVariable('log', x);
  const out = new Float32Array(input.length);
  const d = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) {
    out[k] = Math.log(input[k]);
    d[k] = 1 / input[k];
  }
  return unaryResult('log', x, out, d);
}

/** xᵖ for a number p. */
export function pow(x: Variable, p: number): Variable {
  const input = checkVariable('pow', x);
  const out = new Float32Array(input.length);
  const d = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) {
    out[k] = input[k] ** p;
    d[k] = p * input[k] ** (p - 1);
  }
  return unaryResult('pow', x, out, d);
}

/** |x|, with derivative sign(x) (0 at 0, as PyTorch). */
export function abs(x: Variable): Variable {
  const input = checkVariable('abs', x);
  const out = new Float32Array(input.length);
  const d = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) {
    out[k] = Math.abs(input[k]);
    d[k] = Math.sign(input[k]);
  }
  return unaryResult('abs', x, out, d);
}

/**
 * max(x, bound) whose gradient also flows below the bound when it pushes x up (CompressAI's
 * `LowerBound`: the gradient passes where x ≥ bound or where it is negative).
 */
export function lowerBound(x: Variable, bound: number): Variable {
  if (!(x instanceof Variable)) invalidArgument('lowerBound(x)', 'a Variable', x);
  const input = x.data;
  const out = new Float32Array(input.length);
  for (let k = 0; k < out.length; k++) out[k] = Math.max(input[k], bound);
  return result('lowerBound', out, x.shape, [x], (g) => {
    const grad = new Float32Array(g.length);
    for (let k = 0; k < g.length; k++) grad[k] = input[k] >= bound || g[k] < 0 ? g[k] : 0;
    accumulate(x, grad);
  });
}
