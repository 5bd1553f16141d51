// lico_QuantizeScalar(latents, means, n, step, rounding, indexes, reconstruction); means may be 0.
#include "../../kernels/QuantizeScalar.h"

#include "heap.h"

using namespace lico;

LICO_EXPORT(lico_QuantizeScalar)
void lico_QuantizeScalar(const int32_t* latents, const int32_t* means, uint32_t n, uint32_t step, uint32_t rounding,
                         int32_t* indexes, int32_t* reconstruction) {
  quantize_scalar(latents, means, n, step, rounding, indexes, reconstruction);
}
