#include "TcqDequantize.h"

#include "tcq-trellis.h"

namespace lico {

void tcq_dequantize(const int32_t* indexes, const int32_t* means, uint32_t n, uint32_t step, uint32_t states,
                    uint32_t sequence_length, int32_t* out) {
  uint32_t state = 0;
  for (uint32_t i = 0, in_sequence = 0; i < n; ++i, ++in_sequence) {
    if (in_sequence == sequence_length) in_sequence = 0;
    if (in_sequence == 0) state = 0;
    const int32_t k = indexes[i];
    const uint32_t mean = means ? static_cast<uint32_t>(means[i]) : 0u;
    out[i] = static_cast<int32_t>(tcq_level(k, tcq_quantizer_of(states, state), step) + mean);
    state = tcq_next_state(states, state, k);
  }
}

}  // namespace lico
