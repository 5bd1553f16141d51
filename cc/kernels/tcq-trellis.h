// The trellises of dependent quantization (packages/core/src/trellis.ts): next state
// T[s][k & 1], each state's quantizer and the reconstruction levels; plus the integer cost
// rules of TcqQuantize (packages/core/src/kernels/TcqQuantize.ts) that the scalar path and the
// SIMD paths in cc/simd/ share.
#pragma once

#include <stdint.h>

#include "escape-bits.h"

namespace lico {

constexpr uint8_t kTcqTransitions4[4][2] = {{0, 2}, {2, 0}, {1, 3}, {3, 1}};
constexpr uint8_t kTcqTransitions8[8][2] = {{0, 2}, {5, 7}, {1, 3}, {6, 4}, {2, 0}, {4, 6}, {3, 1}, {7, 5}};

// Next state after index k in state s (states is 4 or 8).
constexpr uint32_t tcq_next_state(uint32_t states, uint32_t s, int32_t k) {
  return states == 4 ? kTcqTransitions4[s][k & 1] : kTcqTransitions8[s][k & 1];
}

// The quantizer (0 or 1) of state s.
constexpr uint32_t tcq_quantizer_of(uint32_t states, uint32_t s) { return states == 4 ? s >> 1 : s & 1; }

// Level of index k under quantizer q, 2k·step or (2k − sgn k)·step, wrapping like int32 (as the
// js reference's Int32Array stores do) for indexes no quantizer produced.
inline uint32_t tcq_level(int32_t k, uint32_t q, uint32_t step) {
  const uint32_t twice = 2u * static_cast<uint32_t>(k);
  const uint32_t sign = k > 0 ? 1u : k < 0 ? 0xffffffffu : 0u;
  return (q == 0 ? twice : twice - sign) * step;
}

constexpr uint32_t kTcqUnreached = 0xffffffffu;
constexpr uint32_t kTcqDistortionCap = 1u << 28;
constexpr uint32_t kTcqErrorLimit = 1u << 14;

// Each next state d has two sources, s0 < s1, each through one parity p of k: pred[·][d], and
// group[·][d] = 2·q(s) + p, the candidate group that transition uses. The contract's tie rule
// (source state ascending) makes s0 win ties.
struct TcqTrellis {
  uint8_t pred[2][8];
  uint8_t group[2][8];
};

constexpr TcqTrellis tcq_trellis(uint32_t states) {
  TcqTrellis tr{};
  uint32_t seen[8] = {};
  for (uint32_t s = 0; s < states; ++s) {
    for (uint32_t p = 0; p < 2; ++p) {
      const uint32_t d = tcq_next_state(states, s, static_cast<int32_t>(p));
      tr.pred[seen[d]][d] = static_cast<uint8_t>(s);
      tr.group[seen[d]][d] = static_cast<uint8_t>(2 * tcq_quantizer_of(states, s) + p);
      ++seen[d];
    }
  }
  return tr;
}

constexpr TcqTrellis kTcqTrellis4 = tcq_trellis(4);
constexpr TcqTrellis kTcqTrellis8 = tcq_trellis(8);

// One rate row: where its entries begin in the costs, the index of its first entry and the
// position of its escape entry (its last).
struct TcqRow {
  uint32_t begin;
  int32_t offset;
  uint32_t escape;
};

// What the candidates of one value depend on: |v|, sign(v) as a mask (all ones when v < 0),
// m for Q0 and Q1, and the rate rows of Q0 and Q1.
struct TcqValue {
  uint32_t a;
  uint32_t sign_mask;
  uint32_t m0;
  uint32_t m1;
  TcqRow rows[2];
};

// The rate cost of index k in a row.
inline uint32_t tcq_rate(const uint32_t* costs, const TcqRow& row, int32_t k, uint32_t bit_cost) {
  // |k|, |offset| < 2^29, so the difference fits; below 0 it wraps past any escape position.
  const uint32_t s = static_cast<uint32_t>(k - row.offset);
  if (s < row.escape) return costs[row.begin + s];
  return costs[row.begin + row.escape] + bit_cost * escape_length(escape_code(k, row.offset, row.escape));
}

// D for |v| = a and a level of magnitude `level` on v's side of 0.
inline uint32_t tcq_distortion(uint32_t a, uint32_t level) {
  const uint32_t e = a > level ? a - level : level - a;
  return e < kTcqErrorLimit ? e * e : kTcqDistortionCap;
}

// The candidates of each quantizer q (sign(v)·m, sign(v)·(m + 1), 0; or 0, sign(v) when m = 0)
// reduced to the first cheapest of each parity p, the two transitions out of a state of q:
// cost[2q + p] and chosen[2q + p]. A saturated path total never beats anything, so reducing on
// cost alone keeps the contract's ties. With m = 0 the even candidate is 0 itself and the odd
// one sign(v), which are the contract's two candidates then.
inline void tcq_cost_value(const TcqValue& v, const uint32_t* costs, uint32_t step, uint32_t bit_cost, uint32_t* cost,
                           int32_t* chosen) {
  const uint32_t zero_distortion = tcq_distortion(v.a, 0);
  for (uint32_t q = 0; q < 2; ++q) {
    const uint32_t m = q == 0 ? v.m0 : v.m1;
    const TcqRow& row = v.rows[q];
    const auto signed_index = [&](uint32_t magnitude) {
      return static_cast<int32_t>((magnitude ^ v.sign_mask) - v.sign_mask);
    };
    const auto total = [&](uint32_t magnitude) {
      const uint32_t level = (2 * magnitude - (q & (magnitude != 0 ? 1u : 0u))) * step;
      return tcq_distortion(v.a, level) + tcq_rate(costs, row, signed_index(magnitude), bit_cost);
    };
    const uint32_t even = m + (m & 1);
    const uint32_t odd = m + 1 - (m & 1);
    const uint32_t even_cost = total(even);
    const uint32_t zero_cost = zero_distortion + tcq_rate(costs, row, 0, bit_cost);
    // The even one comes before 0 in the contract's order, so it wins ties.
    const bool take_even = even_cost <= zero_cost;
    cost[2 * q] = take_even ? even_cost : zero_cost;
    chosen[2 * q] = take_even ? signed_index(even) : 0;
    cost[2 * q + 1] = total(odd);
    chosen[2 * q + 1] = signed_index(odd);
  }
}

}  // namespace lico
