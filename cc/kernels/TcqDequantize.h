// TcqDequantize: reconstruction of trellis-coded indexes (packages/core/src/kernels/TcqDequantize.ts).
// Per sequence of `sequence_length` values, from state 0, value i is the level of its index
// under the current state's quantizer plus its mean (means may be null); the state then moves
// to T[state][k & 1]. Wraps like int32 for indexes no quantizer produced, as the js reference does.
#pragma once

#include <stdint.h>

namespace lico {

void tcq_dequantize(const int32_t* indexes, const int32_t* means, uint32_t n, uint32_t step, uint32_t states,
                    uint32_t sequence_length, int32_t* out);

}  // namespace lico
