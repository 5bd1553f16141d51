#include "TcqQuantize.h"

#include "../simd/tcq.h"
#include "tcq-trellis.h"

namespace lico {
namespace {

struct Problem {
  const int32_t* latents;
  const int32_t* means;
  const int32_t* table_indexes;
  TcqRates rates;
  TcqQuantizeAttrs attrs;
  int32_t* indexes;
  int32_t* reconstruction;
};

// Survivors of one sequence: per value, the index each of the four candidate groups chose
// (2q + p, as in TcqTrellis) and one bit per next state, set when its second source won.
struct Survivors {
  int32_t* chosen;
  uint8_t* decisions;
};

inline TcqRow row_of(const TcqRates& rates, uint32_t row) {
  const uint32_t begin = rates.starts[row];
  return {begin, rates.offsets[row], rates.starts[row + 1] - begin - 1};
}

// always_inline: g++ left this a call, which measured 15% slower.
__attribute__((always_inline)) inline TcqValue read_value(const Problem& p, uint32_t i) {
  const uint32_t t = static_cast<uint32_t>(p.table_indexes[i]);
  // Both within ±(2^28 − 1), so v is well inside int32.
  const int32_t v = p.latents[i] - (p.means ? p.means[i] : 0);
  const uint32_t sign_mask = v < 0 ? ~0u : 0u;
  const uint32_t a = (static_cast<uint32_t>(v) ^ sign_mask) - sign_mask;
  // floor(a / 2step) for Q0 and floor((a + step) / 2step) for Q1, from one division.
  const uint32_t twice = 2 * p.attrs.step;
  const uint32_t m0 = a / twice;
  const uint32_t m1 = m0 + (a - m0 * twice >= p.attrs.step ? 1 : 0);
  return {a, sign_mask, m0, m1, {row_of(p.rates, 2 * t), row_of(p.rates, 2 * t + 1)}};
}

// The Viterbi forward pass, scalar: the reference path, and the one for 4 states.
template <uint32_t S>
void forward_scalar(const Problem& p, uint32_t begin, uint32_t length, const Survivors& sv, uint32_t* metric) {
  constexpr TcqTrellis tr = S == 4 ? kTcqTrellis4 : kTcqTrellis8;
  for (uint32_t s = 0; s < S; ++s) metric[s] = kTcqUnreached;
  metric[0] = 0;
  for (uint32_t j = 0; j < length; ++j) {
    uint32_t cost[4];
    tcq_cost_value(read_value(p, begin + j), p.rates.costs, p.attrs.step, p.attrs.bit_cost, cost,
                   sv.chosen + 4 * static_cast<size_t>(j));
    uint32_t next[S];
    uint32_t decision = 0;
    uint32_t least = kTcqUnreached;
    for (uint32_t d = 0; d < S; ++d) {
      uint32_t first = metric[tr.pred[0][d]] + cost[tr.group[0][d]];
      first = first < cost[tr.group[0][d]] ? kTcqUnreached : first;
      uint32_t second = metric[tr.pred[1][d]] + cost[tr.group[1][d]];
      second = second < cost[tr.group[1][d]] ? kTcqUnreached : second;
      // Strictly smaller: the lower source state keeps ties.
      const bool take_second = second < first;
      next[d] = take_second ? second : first;
      decision |= static_cast<uint32_t>(take_second) << d;
      least = next[d] < least ? next[d] : least;
    }
    for (uint32_t d = 0; d < S; ++d) metric[d] = next[d] == kTcqUnreached ? kTcqUnreached : next[d] - least;
    sv.decisions[j] = static_cast<uint8_t>(decision);
  }
}

// The same for 8 states with the SIMD path of cc/simd/tcq.h.
template <class Simd>
void forward_simd(const Problem& p, uint32_t begin, uint32_t length, const Survivors& sv, uint32_t* metric) {
  Simd trellis;
  for (uint32_t j = 0; j < length; ++j) {
    const TcqValue v = read_value(p, begin + j);
    int32_t* chosen = sv.chosen + 4 * static_cast<size_t>(j);
    if constexpr (Simd::kCostsCandidates) {
      if (trellis.cost(v, p.rates.costs, p.attrs.step, p.attrs.bit_cost, chosen)) {
        sv.decisions[j] = static_cast<uint8_t>(trellis.acs());
        continue;
      }
    }
    uint32_t cost[4];
    tcq_cost_value(v, p.rates.costs, p.attrs.step, p.attrs.bit_cost, cost, chosen);
    sv.decisions[j] = static_cast<uint8_t>(trellis.acs(cost));
  }
  trellis.metrics(metric);
}

template <uint32_t S>
void quantize_sequence(const Problem& p, uint32_t begin, uint32_t length, const Survivors& sv) {
  constexpr TcqTrellis tr = S == 4 ? kTcqTrellis4 : kTcqTrellis8;
  uint32_t metric[S];
  if constexpr (S == 8 && kTcqSimd) {
    forward_simd<TcqSimd>(p, begin, length, sv, metric);
  } else {
    forward_scalar<S>(p, begin, length, sv, metric);
  }
  // Best final state (lowest on ties), then the survivors back.
  uint32_t state = 0;
  for (uint32_t s = 1; s < S; ++s) state = metric[s] < metric[state] ? s : state;
  for (uint32_t j = length; j-- > 0;) {
    const uint32_t second = (sv.decisions[j] >> state) & 1;
    p.indexes[begin + j] = sv.chosen[4 * static_cast<size_t>(j) + tr.group[second][state]];
    state = tr.pred[second][state];
  }
  // Reconstruction along the chosen path.
  state = 0;
  for (uint32_t j = 0; j < length; ++j) {
    const uint32_t i = begin + j;
    const int32_t k = p.indexes[i];
    const uint32_t mean = p.means ? static_cast<uint32_t>(p.means[i]) : 0u;
    p.reconstruction[i] = static_cast<int32_t>(tcq_level(k, tcq_quantizer_of(S, state), p.attrs.step) + mean);
    state = tcq_next_state(S, state, k);
  }
}

size_t survivor_bytes(uint32_t sequence_length) { return (static_cast<size_t>(sequence_length) * 17 + 7) / 8 * 8; }

}  // namespace

size_t tcq_quantize_scratch_bytes(uint32_t n, uint32_t sequence_length, int threads) {
  const uint32_t length = sequence_length < n ? sequence_length : n;
  return survivor_bytes(length) * static_cast<size_t>(threads < 1 ? 1 : threads);
}

Status tcq_quantize(const int32_t* latents, const int32_t* means, const int32_t* table_indexes, uint32_t n,
                    const TcqRates& rates, const TcqQuantizeAttrs& attrs, int32_t* indexes, int32_t* reconstruction,
                    void* scratch, int threads, ErrorDetail* error) {
  // The js reference stops at the first bad index, before any output it could see.
  for (uint32_t i = 0; i < n; ++i) {
    if (static_cast<uint32_t>(table_indexes[i]) >= rates.tables) {
      *error = {Status::kTableIndexOutOfRange, i, static_cast<uint32_t>(table_indexes[i])};
      return error->status;
    }
  }
  if (n == 0) return Status::kOk;
  const Problem p{latents, means, table_indexes, rates, attrs, indexes, reconstruction};
  const uint32_t length = attrs.sequence_length < n ? attrs.sequence_length : n;
  const uint32_t sequences = (n - 1) / length + 1;
  int chunks = threads < 1 ? 1 : threads;
  if (static_cast<uint32_t>(chunks) > sequences) chunks = static_cast<int>(sequences);
  const size_t bytes = survivor_bytes(length);
  // Sequences are independent: each thread takes a contiguous run of them, with its own survivors.
#pragma omp parallel for num_threads(chunks) schedule(static, 1)
  for (int c = 0; c < chunks; ++c) {
    uint8_t* mine = static_cast<uint8_t*>(scratch) + bytes * static_cast<size_t>(c);
    const Survivors sv{reinterpret_cast<int32_t*>(mine), mine + 16 * static_cast<size_t>(length)};
    const uint32_t first = static_cast<uint32_t>(static_cast<uint64_t>(sequences) * c / chunks);
    const uint32_t last = static_cast<uint32_t>(static_cast<uint64_t>(sequences) * (c + 1) / chunks);
    for (uint32_t q = first; q < last; ++q) {
      const uint32_t begin = q * length;
      const uint32_t count = n - begin < length ? n - begin : length;
      if (attrs.states == 4) {
        quantize_sequence<4>(p, begin, count, sv);
      } else {
        quantize_sequence<8>(p, begin, count, sv);
      }
    }
  }
  return Status::kOk;
}

}  // namespace lico
