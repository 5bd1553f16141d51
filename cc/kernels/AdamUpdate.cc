#include "AdamUpdate.h"

#include <cmath>

#include "elementwise-threads.h"

namespace lico {

double adam_update(float* params, const float* grads, float* m, float* v, uint64_t n, const AdamAttrs& a) {
  const int64_t count = static_cast<int64_t>(n);
  const int threads = elementwise_threads(n);
  double squares = 0;
#pragma omp parallel for simd num_threads(threads) schedule(static) reduction(+ : squares)
  for (int64_t k = 0; k < count; ++k) squares += static_cast<double>(grads[k]) * grads[k];
  const double norm = std::sqrt(squares);
  double scale = 1;
  if (a.max_grad_norm > 0 && std::isfinite(a.max_grad_norm)) scale = std::fmin(1.0, a.max_grad_norm / (norm + 1e-6));
  const float g_scale = static_cast<float>(scale);
  const float b1 = static_cast<float>(a.beta1), b2 = static_cast<float>(a.beta2);
  const float one_b1 = static_cast<float>(1 - a.beta1), one_b2 = static_cast<float>(1 - a.beta2);
  const float step_size = static_cast<float>(a.learning_rate / (1 - std::pow(a.beta1, a.step)));
  const float inv_correction2 = static_cast<float>(1 / std::sqrt(1 - std::pow(a.beta2, a.step)));
  const float eps = static_cast<float>(a.epsilon);
#pragma omp parallel for simd num_threads(threads) schedule(static)
  for (int64_t k = 0; k < count; ++k) {
    const float g = grads[k] * g_scale;
    m[k] = b1 * m[k] + one_b1 * g;
    v[k] = b2 * v[k] + one_b2 * g * g;
    params[k] -= step_size * m[k] / (std::sqrt(v[k]) * inv_correction2 + eps);
  }
  return norm;
}

}  // namespace lico
