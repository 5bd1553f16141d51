// GdnBackprop: the gradients of Gdn (packages/core/src/kernels/GdnBackprop.ts), blocked like
// Gdn: per block of positions, q = ∂L/∂norm, inputGrad = outputGrad · norm^∓½ + 2·input·(gammaᵀ q),
// and per-thread sums betaGrad += Σ q, gammaGrad += q · (input²)ᵀ, added up at the end.
#pragma once

#include "Gdn.h"

namespace lico {

ErrorDetail gdn_backprop(const float* input, const float* norm, const float* output_grad, const float* gamma,
                         const GdnAttrs& attrs, float* input_grad, float* beta_grad, float* gamma_grad);

}  // namespace lico
