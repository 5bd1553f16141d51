// lico_TcqDequantize(indexes, means, n, step, states, sequenceLength, out); means may be 0.
#include "../../kernels/TcqDequantize.h"

#include "heap.h"

using namespace lico;

LICO_EXPORT(lico_TcqDequantize)
void lico_TcqDequantize(const int32_t* indexes, const int32_t* means, uint32_t n, uint32_t step, uint32_t states,
                        uint32_t sequence_length, int32_t* out) {
  tcq_dequantize(indexes, means, n, step, states, sequence_length, out);
}
