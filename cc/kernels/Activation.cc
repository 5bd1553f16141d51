#include "Activation.h"

#include <cmath>

#include "elementwise-threads.h"

namespace lico {

void activation(const float* x, uint64_t n, ActivationKind kind, float slope, float* y) {
  const int64_t count = static_cast<int64_t>(n);
  const int threads = elementwise_threads(n);
  switch (kind) {
    case ActivationKind::kRelu:
#pragma omp parallel for simd num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) y[k] = x[k] > 0.0f ? x[k] : 0.0f;
      break;
    case ActivationKind::kLeakyRelu:
#pragma omp parallel for simd num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) y[k] = x[k] >= 0.0f ? x[k] : slope * x[k];
      break;
    case ActivationKind::kSigmoid:
#pragma omp parallel for num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) y[k] = 1.0f / (1.0f + std::exp(-x[k]));
      break;
    case ActivationKind::kTanh:
#pragma omp parallel for num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) y[k] = std::tanh(x[k]);
      break;
    case ActivationKind::kSoftplus:
#pragma omp parallel for num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) y[k] = std::fmax(x[k], 0.0f) + std::log1p(std::exp(-std::fabs(x[k])));
      break;
  }
}

}  // namespace lico
