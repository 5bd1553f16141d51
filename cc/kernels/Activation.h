// Activation and ActivationBackprop: elementwise activations and their gradients, by the rules
// of packages/core/src/kernels/Activation.ts and ActivationBackprop.ts, on OpenMP threads.
#pragma once

#include <stdint.h>

namespace lico {

enum class ActivationKind : uint32_t { kRelu = 0, kLeakyRelu = 1, kSigmoid = 2, kTanh = 3, kSoftplus = 4 };

void activation(const float* input, uint64_t n, ActivationKind kind, float negative_slope, float* output);

}  // namespace lico
