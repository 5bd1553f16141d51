#include "DequantizeScalar.h"

namespace lico {

void dequantize_scalar(const int32_t* indexes, const int32_t* means, uint32_t n, uint32_t step, int32_t* out) {
  if (means) {
    for (uint32_t i = 0; i < n; ++i) {
      out[i] = static_cast<int32_t>(static_cast<uint32_t>(indexes[i]) * step + static_cast<uint32_t>(means[i]));
    }
  } else {
    for (uint32_t i = 0; i < n; ++i) out[i] = static_cast<int32_t>(static_cast<uint32_t>(indexes[i]) * step);
  }
}

}  // namespace lico
