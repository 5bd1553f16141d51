import {
  checkTcqAttrs,
  checkTcqQuantizeInputs,
  escapeCode,
  type KernelConfig,
  TCQ_TRANSITIONS,
  TcqQuantize,
  type TcqRateTables,
  tableIndexOutOfRange,
  tcqQuantizerOf,
} from '@lico/core';
import { tcqLevel } from './tcq-levels.js';

const UNREACHED = 0xffffffff;
const DISTORTION_CAP = 2 ** 28;
const ERROR_LIMIT = 2 ** 14;

/** The rate cost of index k in row `row` (contract of TcqQuantize). */
function rateCost(rates: TcqRateTables, row: number, k: number, bitCost: number): number {
  const begin = rates.starts[row];
  const escapeSymbol = rates.starts[row + 1] - begin - 1;
  const s = k - rates.offsets[row];
  if (s >= 0 && s < escapeSymbol) return rates.costs[begin + s];
  const code = escapeCode(k, rates.offsets[row], escapeSymbol);
  // 31 - clz32(code + 1) is floor(log2(code + 1)) exactly (code < 2^31 by the value limits).
  return rates.costs[begin + escapeSymbol] + bitCost * (2 * (31 - Math.clz32(code + 1)) + 1);
}

/** Candidate indexes of value v under quantizer q, in the contract's order. */
function candidates(v: number, quantizer: number, step: number): number[] {
  const sign = v < 0 ? -1 : 1;
  const m = Math.floor((Math.abs(v) + (quantizer === 0 ? 0 : step)) / (2 * step));
  return m === 0 ? [0, sign] : [sign * m, sign * (m + 1), 0];
}

export const tcqQuantizeKernel: KernelConfig<typeof TcqQuantize> = {
  kernelName: TcqQuantize,
  backendName: 'js',
  run({ latents, means, tableIndexes, rates }, attrs) {
    checkTcqQuantizeInputs(latents, means, tableIndexes, rates);
    checkTcqAttrs(attrs);
    const { step, states, sequenceLength, bitCost } = attrs;
    const transitions = TCQ_TRANSITIONS[states];
    const tables = (rates.starts.length - 1) / 2;
    const n = latents.length;
    const indexes = new Int32Array(n);
    const reconstruction = new Int32Array(n);

    for (let begin = 0; begin < n; begin += sequenceLength) {
      const length = Math.min(sequenceLength, n - begin);
      // Survivor of each state after each value: the previous state and the chosen index.
      const fromState = new Uint8Array(length * states);
      const chosen = new Int32Array(length * states);
      let metric = new Array<number>(states).fill(UNREACHED);
      metric[0] = 0;
      for (let j = 0; j < length; j++) {
        const i = begin + j;
        const t = tableIndexes[i];
        if (t < 0 || t >= tables) tableIndexOutOfRange(i, t, tables);
        const v = latents[i] - (means ? means[i] : 0);
        const next = new Array<number>(states).fill(UNREACHED);
        for (let s = 0; s < states; s++) {
          if (metric[s] === UNREACHED) continue;
          const q = tcqQuantizerOf(states, s);
          for (const k of candidates(v, q, step)) {
            const e = v - tcqLevel(k, q, step);
            const distortion = Math.abs(e) < ERROR_LIMIT ? e * e : DISTORTION_CAP;
            const cost = distortion + rateCost(rates, 2 * t + q, k, bitCost);
            const total = Math.min(metric[s] + cost, UNREACHED);
            const d = transitions[s][k & 1];
            if (total < next[d]) {
              next[d] = total;
              fromState[j * states + d] = s;
              chosen[j * states + d] = k;
            }
          }
        }
        const least = Math.min(...next);
        metric = next.map((m) => (m === UNREACHED ? UNREACHED : m - least));
      }
      // Best final state (lowest index on ties), then follow the survivors back.
      let state = metric.indexOf(Math.min(...metric));
      for (let j = length - 1; j >= 0; j--) {
        indexes[begin + j] = chosen[j * states + state];
        state = fromState[j * states + state];
      }
      // Reconstruct forwards along the chosen path.
      state = 0;
      for (let j = 0; j < length; j++) {
        const i = begin + j;
        const k = indexes[i];
        reconstruction[i] = tcqLevel(k, tcqQuantizerOf(states, state), step) + (means ? means[i] : 0);
        state = transitions[state][k & 1];
      }
    }
    return { indexes, reconstruction };
  },
};
