import { invalidArgument } from '@lico/core';
import { accumulate, result, Variable } from '../variable.js';
import { add, sub } from './elementwise.js';

/** A source of uniform numbers in [0, 1), e.g. `seededRandom(seed)` from `@lico/core`. */
export type RandomSource = () => number;

/** Rounding half to even, as `torch.round` does. */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** x + u with u ~ U(−½, ½) per value: the additive-noise proxy of quantization (Ballé et al. 2017); gradient 1. */
export function addUniformNoise(x: Variable, random: RandomSource): Variable {
  if (typeof random !== 'function') invalidArgument('random', 'a function returning numbers in [0, 1)', random);
  const out = new Float32Array(x.size);
  for (let k = 0; k < out.length; k++) out[k] = x.data[k] + random() - 0.5;
  return result('addUniformNoise', out, x.shape, [x], (g) => accumulate(x, g, true));
}

/** round(x) forward, identity backward: straight-through rounding (half to even, as PyTorch). */
export function roundSte(x: Variable): Variable {
  const out = new Float32Array(x.size);
  for (let k = 0; k < out.length; k++) out[k] = roundHalfEven(x.data[k]);
  return result('roundSte', out, x.shape, [x], (g) => accumulate(x, g, true));
}

/** How latents are quantized during training. */
export type QuantizationMode =
  /** x + U(−½, ½): CompressAI's training default. */
  | 'noise'
  /** round(x − μ) + μ with a straight-through gradient. */
  | 'ste'
  /** round(x − μ) + μ with no gradient (CompressAI's "dequantize", for evaluation). */
  | 'dequantize';

/** Options of {@link quantize}: the means to round around, and the noise source. */
export interface QuantizeOptions {
  readonly means?: Variable;
  readonly random?: RandomSource;
}

/** Quantizes `x` by `mode` (see {@link QuantizationMode}). */
export function quantize(x: Variable, mode: QuantizationMode, options: QuantizeOptions = {}): Variable {
  switch (mode) {
    case 'noise': {
      if (!options.random) invalidArgument('random', 'a random source for noise quantization', options.random);
      return addUniformNoise(x, options.random);
    }
    case 'ste':
      return options.means ? add(roundSte(sub(x, options.means)), options.means) : roundSte(x);
    case 'dequantize': {
      const centred = options.means ? sub(x, options.means) : x;
      const rounded = new Variable(centred.data.map(roundHalfEven), x.shape);
      return options.means ? add(rounded, options.means) : rounded;
    }
    default:
      return invalidArgument('mode', "'noise', 'ste' or 'dequantize'", mode);
  }
}

/**
 * The "mixed" quantization proxy (Minnen and Singh 2020): the rate term sees x + noise, the
 * decoder the straight-through rounding round(x − μ) + μ, so it trains on the values it will decode.
 */
export function mixedQuantize(
  x: Variable,
  options: QuantizeOptions & { readonly random: RandomSource },
): { rate: Variable; decoder: Variable } {
  return { rate: quantize(x, 'noise', options), decoder: quantize(x, 'ste', options) };
}
