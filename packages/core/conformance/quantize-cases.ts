import type { TcqRateTables } from '../src/index.js';
import { seededRandom } from '../src/random.js';

/** One quantization problem in fixed point, with the attributes of every quantization kernel. */
export interface QuantizeCase {
  readonly name: string;
  readonly latents: Int32Array;
  readonly means?: Int32Array;
  readonly tableIndexes: Int32Array;
  readonly rates: TcqRateTables;
  readonly step: number;
  readonly rounding: number;
  readonly states: 4 | 8;
  readonly sequenceLength: number;
  readonly bitCost: number;
}

/** Rate rows that look like real ones: cheapest near 0, dearer away from it, an escape last. */
function randomRates(seed: number, tables: number): TcqRateTables {
  const random = seededRandom(seed);
  const lengths = Array.from({ length: 2 * tables }, () => 1 + Math.floor(random() * 40));
  const starts = new Uint32Array(lengths.length + 1);
  lengths.forEach((length, r) => {
    starts[r + 1] = starts[r] + length;
  });
  const costs = new Uint32Array(starts[lengths.length]);
  const offsets = new Int32Array(lengths.length);
  for (let r = 0; r < lengths.length; r++) {
    offsets[r] = -Math.floor(lengths[r] / 2) + Math.floor(random() * 3) - 1;
    const scale = 1 + random() * 40_000;
    for (let j = 0; j < lengths[r]; j++) {
      costs[starts[r] + j] = Math.min(2 ** 28, Math.round(scale * (1 + Math.abs(offsets[r] + j)) + random() * 500));
    }
  }
  return { costs, starts, offsets };
}

/** The cases every backend must quantize exactly like the js reference. */
export function quantizeCases(): QuantizeCase[] {
  const make = (
    name: string,
    seed: number,
    n: number,
    spread: number,
    options: Partial<QuantizeCase> & { withMeans?: boolean; tables?: number },
  ): QuantizeCase => {
    const random = seededRandom(seed);
    const tables = options.tables ?? 5;
    const latents = Int32Array.from({ length: n }, () => Math.round((random() - 0.5) * 2 * spread));
    const means = options.withMeans
      ? Int32Array.from({ length: n }, () => Math.round((random() - 0.5) * spread))
      : undefined;
    const tableIndexes = Int32Array.from({ length: n }, () => Math.floor(random() * tables));
    const step = options.step ?? 256;
    return {
      name,
      latents,
      means,
      tableIndexes,
      rates: randomRates(seed + 1, tables),
      step,
      rounding: options.rounding ?? step >> 1,
      states: options.states ?? 4,
      sequenceLength: options.sequenceLength ?? 97,
      bitCost: options.bitCost ?? 65536,
    };
  };
  return [
    make('4 states, unit step, means', 1, 5000, 2048, { withMeans: true }),
    make('8 states, unit step, means', 2, 5000, 2048, { withMeans: true, states: 8 }),
    make('8 states, fine step, strong λ', 3, 3000, 4096, { states: 8, step: 37, bitCost: 4_000_000, rounding: 10 }),
    make('4 states, coarse step, escapes', 4, 3000, 2 ** 20, { step: 4096, sequenceLength: 1000 }),
    make('8 states, huge values and steps', 5, 2000, 2 ** 27, { states: 8, step: 2 ** 20, withMeans: true }),
    make('4 states, one value per sequence', 6, 500, 1000, { sequenceLength: 1, bitCost: 0 }),
    make('8 states, one long sequence, zeros', 7, 4000, 0, { states: 8, sequenceLength: 4000 }),
    make('empty', 8, 0, 10, {}),
  ];
}
