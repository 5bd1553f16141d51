// ActivationBackprop: inputGrad = outputGrad · f′(input) (packages/core/src/kernels/ActivationBackprop.ts).
#pragma once

#include "Activation.h"

namespace lico {

void activation_backprop(const float* input, const float* output_grad, uint64_t n, ActivationKind kind,
                         float negative_slope, float* input_grad);

}  // namespace lico
