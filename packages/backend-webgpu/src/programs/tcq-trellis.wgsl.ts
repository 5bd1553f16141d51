import { TCQ_TRANSITIONS } from '@lico/core';

/**
 * WGSL shared by the trellis programs: the transitions `T[s][k & 1]` of core's table, each
 * state's quantizer, and the reconstruction level of index k under quantizer q (in i32, which
 * wraps like the js reference's Int32Array stores when an index is out of the contract's range).
 */
export function tcqTrellisWgsl(states: 4 | 8): string {
  const rows = TCQ_TRANSITIONS[states].map(([even, odd]) => `vec2<u32>(${even}u, ${odd}u)`).join(', ');
  return /* wgsl */ `
const STATES = ${states}u;
var<private> transitions: array<vec2<u32>, ${states}> = array<vec2<u32>, ${states}>(${rows});

fn quantizerOf(state: u32) -> u32 {
  return ${states === 4 ? 'state >> 1u' : 'state & 1u'};
}

fn nextState(state: u32, k: i32) -> u32 {
  return transitions[state][u32(k) & 1u];
}

fn level(k: i32, quantizer: u32, step: i32) -> i32 {
  if (quantizer == 0u) {
    return 2i * k * step;
  }
  return (2i * k - sign(k)) * step;
}
`;
}
