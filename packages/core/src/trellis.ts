/**
 * The trellises of dependent quantization (as in VVC and ECM): next state `T[s][k & 1]`, and
 * the quantizer each state uses (0: levels 2kΔ, 1: levels (2k − sgn k)Δ).
 */
export const TCQ_TRANSITIONS: Readonly<Record<4 | 8, readonly (readonly [number, number])[]>> = {
  4: [
    [0, 2],
    [2, 0],
    [1, 3],
    [3, 1],
  ],
  8: [
    [0, 2],
    [5, 7],
    [1, 3],
    [6, 4],
    [2, 0],
    [4, 6],
    [3, 1],
    [7, 5],
  ],
};

/** The quantizer (0 or 1) of state `state` in a trellis of `states` states. */
export function tcqQuantizerOf(states: 4 | 8, state: number): 0 | 1 {
  return (states === 4 ? state >> 1 : state & 1) as 0 | 1;
}
