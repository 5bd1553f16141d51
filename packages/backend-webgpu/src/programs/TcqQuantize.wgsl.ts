import { TCQ_TRANSITIONS, tcqQuantizerOf } from '@lico/core';
import type { WebGpuProgram } from '../webgpu-program.js';
import { tcqTrellisWgsl } from './tcq-trellis.wgsl.js';

/** u32 words of the program's uniforms: count, sequenceLength, step, bitCost. */
export const TCQ_QUANTIZE_PARAM_WORDS = 4;
/** u32 words per rate row in the program's row buffer: first cost entry, escape symbol, offset (as i32). */
export const TCQ_ROW_WORDS = 3;

/**
 * The forward pass, unrolled over states and candidates so that every metric and survivor is a
 * plain variable (GPUs keep them in registers; dynamically indexed arrays would spill). It is
 * written from each next state's side: for next state d, the edges into d in the contract's
 * order (source state ascending, then candidate order) are tried in turn and the first strictly
 * smaller metric wins, which is exactly what the contract's pass over source states decides
 * for d. Candidate 2 exists only when m > 0; an unreached state's metric saturates and never wins.
 * The conditions use `&`, not `&&`: short-circuits become branches, and SwiftShader takes
 * minutes to compile these dozens of branches where it takes milliseconds for selects.
 */
function forwardPass(states: 4 | 8): string {
  const transitions = TCQ_TRANSITIONS[states];
  const all = [...Array(states).keys()];
  const candidates = [0, 1].flatMap((q) => [
    `let m${q} = baseMagnitude(v, ${q}u);`,
    `let row${q} = rows[2u * table + ${q}u];`,
    ...[0, 1, 2].flatMap((c) => [
      `let k${q}${c} = candidate(v, m${q}, ${c}u);`,
      `let cost${q}${c} = candidateCost(v, k${q}${c}, ${q}u, row${q}, step);`,
      `let parity${q}${c} = u32(k${q}${c}) & 1u;`,
    ]),
  ]);
  const relax = all.flatMap((d) => [
    `var next${d} = UNREACHED;`,
    `var survivor${d} = 0u;`,
    ...all.flatMap((s) =>
      [0, 1]
        .filter((parity) => transitions[s][parity] === d)
        .flatMap((parity) => {
          const q = tcqQuantizerOf(states, s);
          return [0, 1, 2].map(
            (c) => `{
      let total = addSaturating(metric${s}, cost${q}${c});
      let wins = ${c === 2 ? `(m${q} != 0u) & ` : ''}(parity${q}${c} == ${parity}u) & (total < next${d});
      next${d} = select(next${d}, total, wins);
      survivor${d} = select(survivor${d}, ${s | (c << 3)}u, wins);
    }`,
          );
        }),
    ),
  ]);
  const least = all.reduce((expr, d) => (d === 0 ? 'next0' : `min(${expr}, next${d})`), '');
  return `${all.map((s) => `var metric${s} = ${s === 0 ? '0u' : 'UNREACHED'};`).join('\n  ')}
  for (var i = first; i < end; i++) {
    let v = valueAt(i);
    let table = u32(tableIndexes[i]);
    // Costs depend on the quantizer, not the state: each quantizer's candidates, once.
    ${candidates.join('\n    ')}
    ${relax.join('\n    ')}
    let least = ${least};
    ${all
      .flatMap((d) => [
        `survivors[i * STATES + ${d}u] = survivor${d};`,
        `metric${d} = select(next${d} - least, UNREACHED, next${d} == UNREACHED);`,
      ])
      .join('\n    ')}
  }

  // The best final state, lowest on ties.
  var state = 0u;
  var best = metric0;
  ${all
    .slice(1)
    .map((s) => `if (metric${s} < best) {\n    best = metric${s};\n    state = ${s}u;\n  }`)
    .join('\n  ')}`;
}

/**
 * The trellis search of TcqQuantize, one invocation per sequence of one chunk (chunks hold
 * whole sequences): the Viterbi forward pass keeps a u32 metric per state and stores, for each
 * value and state, the survivor `previous state | candidate number << 3` in `survivors`
 * (chunk values × states words, written once per value). Storing the candidate number rather
 * than the index keeps 32 bits enough (an index may reach 2^28); the backtrack from the best
 * final state recomputes the index from the value and writes each index and reconstruction.
 *
 * Bindings, in order: uniforms, results (the chunk's indexes, then its reconstructions),
 * latents, table indexes (checked on the CPU), means when given, rate costs, rate rows,
 * survivors.
 *
 * Every intermediate fits 32 bits by the fixed-point limits: |v| < 2^29 and step ≤ 2^20 keep
 * candidates below 2^29 in magnitude and levels below 2^30; D ≤ 2^28; a rate entry is at most
 * 2^28 and an escape code below 2^31 has at most 30 + 31 bits of bitCost ≤ 2^22, so one cost
 * stays below 2^30 and the sum with a metric is tested for u32 overflow (it saturates).
 */
export function tcqQuantizeProgram(workgroupSize: number, states: 4 | 8, withMeans: boolean): WebGpuProgram {
  let binding = 2;
  const storage = (name: string, type: string, access = 'read') =>
    `@group(0) @binding(${binding++}) var<storage, ${access}> ${name}: array<${type}>;`;
  const declarations = [
    storage('latents', 'i32'),
    storage('tableIndexes', 'i32'),
    withMeans ? storage('means', 'i32') : '',
    storage('costs', 'u32'),
    storage('rows', 'Row'),
    storage('survivors', 'u32', 'read_write'),
  ].join('\n');
  return {
    shaderKey: `TcqQuantize/wg${workgroupSize}/${states}-states/${withMeans ? 'means' : 'zero-mean'}`,
    workgroupSize,
    source: () => /* wgsl */ `
struct Params {
  count: u32,
  sequenceLength: u32,
  step: u32,
  bitCost: u32,
}

struct Row {
  begin: u32,
  escapeSymbol: u32,
  offset: i32,
}

@group(0) @binding(0) var<uniform> params: Params;
@group(0) @binding(1) var<storage, read_write> results: array<i32>;
${declarations}
${tcqTrellisWgsl(states)}
const UNREACHED = 0xffffffffu;
const DISTORTION_CAP = 0x10000000u;
const ERROR_LIMIT = 0x4000i;

fn valueAt(i: u32) -> i32 {
  return latents[i]${withMeans ? ' - means[i]' : ''};
}

// m = floor((|v| + c) / (2·step)), c = 0 for Q0 and step for Q1.
fn baseMagnitude(v: i32, quantizer: u32) -> u32 {
  return (u32(abs(v)) + select(0u, params.step, quantizer == 1u)) / (2u * params.step);
}

// Candidate c of the contract's list: [0, sign] when m = 0, else [sign·m, sign·(m + 1), 0].
fn candidate(v: i32, m: u32, c: u32) -> i32 {
  let sign = select(1i, -1i, v < 0i);
  if (m == 0u) {
    return select(0i, sign, c == 1u);
  }
  if (c == 2u) {
    return 0i;
  }
  return sign * i32(m + c);
}

fn rateCost(row: Row, k: i32) -> u32 {
  let s = k - row.offset;
  if (s >= 0i && u32(s) < row.escapeSymbol) {
    return costs[row.begin + u32(s)];
  }
  let code = select(2u * (u32(s) - row.escapeSymbol) + 1u, 2u * u32(-s - 1i), s < 0i);
  // firstLeadingBit(code + 1) is floor(log2(code + 1)) exactly.
  return costs[row.begin + row.escapeSymbol] + params.bitCost * (2u * firstLeadingBit(code + 1u) + 1u);
}

fn candidateCost(v: i32, k: i32, quantizer: u32, row: Row, step: i32) -> u32 {
  let e = v - level(k, quantizer, step);
  let distortion = select(DISTORTION_CAP, u32(e * e), abs(e) < ERROR_LIMIT);
  return distortion + rateCost(row, k);
}

fn addSaturating(metric: u32, cost: u32) -> u32 {
  let sum = metric + cost;
  return select(sum, UNREACHED, sum < metric);
}

@compute @workgroup_size(${workgroupSize})
fn main(@builtin(global_invocation_id) id: vec3<u32>) {
  // Testing the sequence number, not its first value: id.x · sequenceLength may wrap.
  if (id.x >= (params.count + params.sequenceLength - 1u) / params.sequenceLength) {
    return;
  }
  let first = id.x * params.sequenceLength;
  let end = min(first + params.sequenceLength, params.count);
  let step = i32(params.step);

  ${forwardPass(states)}
  // Backtrack. Value i was quantized in the survivor's previous state, the state the forward
  // walk from state 0 along the chosen indexes reaches at i, so its reconstruction is written
  // here too (equal to the js reference's forward pass).
  for (var i = end; i > first; i--) {
    let packed = survivors[(i - 1u) * STATES + state];
    let previous = packed & 7u;
    let q = quantizerOf(previous);
    let v = valueAt(i - 1u);
    let k = candidate(v, baseMagnitude(v, q), packed >> 3u);
    results[i - 1u] = k;
    results[params.count + i - 1u] = level(k, q, step)${withMeans ? ' + means[i - 1u]' : ''};
    state = previous;
  }
}
`,
  };
}
