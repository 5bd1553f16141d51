// lico_DequantizeScalar(indexes, means, n, step, out); means may be 0.
#include "../../kernels/DequantizeScalar.h"

#include "heap.h"

using namespace lico;

LICO_EXPORT(lico_DequantizeScalar)
void lico_DequantizeScalar(const int32_t* indexes, const int32_t* means, uint32_t n, uint32_t step, int32_t* out) {
  dequantize_scalar(indexes, means, n, step, out);
}
