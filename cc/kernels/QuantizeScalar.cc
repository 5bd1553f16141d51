#include "QuantizeScalar.h"

namespace lico {

void quantize_scalar(const int32_t* latents, const int32_t* means, uint32_t n, uint32_t step, uint32_t rounding,
                     int32_t* indexes, int32_t* reconstruction) {
  for (uint32_t i = 0; i < n; ++i) {
    const int32_t mean = means ? means[i] : 0;
    const int32_t v = latents[i] - mean;
    const uint32_t magnitude = ((v < 0 ? 0u - static_cast<uint32_t>(v) : static_cast<uint32_t>(v)) + rounding) / step;
    const uint32_t k = v < 0 ? 0u - magnitude : magnitude;
    indexes[i] = static_cast<int32_t>(k);
    reconstruction[i] = static_cast<int32_t>(k * step + static_cast<uint32_t>(mean));
  }
}

}  // namespace lico
