// AdamUpdate: one Adam step in place over a flat parameter buffer, after clipping the gradients'
// global norm, by the rule of packages/core/src/kernels/AdamUpdate.ts (PyTorch's Adam and
// clip_grad_norm_). Returns the norm before clipping.
#pragma once

#include <stdint.h>

namespace lico {

struct AdamAttrs {
  double learning_rate, beta1, beta2, epsilon;
  uint32_t step;
  double max_grad_norm;  // 0 or infinity: no clipping
};

double adam_update(float* params, const float* grads, float* m, float* v, uint64_t n, const AdamAttrs& attrs);

}  // namespace lico
