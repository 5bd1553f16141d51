// TcqQuantize: trellis-coded (dependent) quantization, a Viterbi search per sequence minimizing
// J = D + λR in integers, by the exact rules of packages/core/src/kernels/TcqQuantize.ts
// (the js reference in packages/backend-js is the tie-breaker). Inputs were checked by the
// caller (@lico/core's checkTcqQuantizeInputs and checkTcqAttrs); table indexes are checked here.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "../status.h"

namespace lico {

// TcqRateTables: row 2t + q holds table t's costs under quantizer q, its last entry the escape.
struct TcqRates {
  const uint32_t* costs;
  const uint32_t* starts;  // 2·tables + 1 entries
  const int32_t* offsets;  // 2·tables entries: the index k of each row's first entry
  uint32_t tables;
};

struct TcqQuantizeAttrs {
  uint32_t step;             // 1 … 2^20
  uint32_t states;           // 4 or 8
  uint32_t sequence_length;  // ≥ 1
  uint32_t bit_cost;         // ≤ 2^22
};

// Scratch bytes tcq_quantize needs with `threads` threads (8-byte aligned): the survivors of
// one sequence per thread, 17 bytes per value whatever the number of states.
size_t tcq_quantize_scratch_bytes(uint32_t n, uint32_t sequence_length, int threads);

// Quantizes n values (means may be null). Sequences are shared among up to `threads` threads.
// Fails with kTableIndexOutOfRange (detail: first bad position, its index) before any work.
Status tcq_quantize(const int32_t* latents, const int32_t* means, const int32_t* table_indexes, uint32_t n,
                    const TcqRates& rates, const TcqQuantizeAttrs& attrs, int32_t* indexes, int32_t* reconstruction,
                    void* scratch, int threads, ErrorDetail* error);

}  // namespace lico
