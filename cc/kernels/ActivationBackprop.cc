#include "ActivationBackprop.h"

#include <cmath>

#include "elementwise-threads.h"

namespace lico {

void activation_backprop(const float* x, const float* g, uint64_t n, ActivationKind kind, float slope, float* dx) {
  const int64_t count = static_cast<int64_t>(n);
  const int threads = elementwise_threads(n);
  switch (kind) {
    case ActivationKind::kRelu:
#pragma omp parallel for simd num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) dx[k] = x[k] > 0.0f ? g[k] : 0.0f;
      break;
    case ActivationKind::kLeakyRelu:
#pragma omp parallel for simd num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) dx[k] = x[k] > 0.0f ? g[k] : slope * g[k];
      break;
    case ActivationKind::kSigmoid:
#pragma omp parallel for num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) {
        const float s = 1.0f / (1.0f + std::exp(-x[k]));
        dx[k] = g[k] * s * (1.0f - s);
      }
      break;
    case ActivationKind::kTanh:
#pragma omp parallel for num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) {
        const float t = std::tanh(x[k]);
        dx[k] = g[k] * (1.0f - t * t);
      }
      break;
    case ActivationKind::kSoftplus:
#pragma omp parallel for num_threads(threads) schedule(static)
      for (int64_t k = 0; k < count; ++k) dx[k] = g[k] / (1.0f + std::exp(-x[k]));
      break;
  }
}

}  // namespace lico
