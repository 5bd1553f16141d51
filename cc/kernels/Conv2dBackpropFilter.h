// Conv2dBackpropFilter: the weight and bias gradients of Conv2d, summed over the batch
// (packages/core/src/kernels/Conv2dBackpropFilter.ts).
#pragma once

#include "Conv2d.h"

namespace lico {

// weights_grad in the weight layout of Conv2d; bias_grad [outChannels], or null for none.
ErrorDetail conv2d_backprop_filter(const float* input, const float* output_grad, const Conv2dAttrs& attrs,
                                   float* weights_grad, float* bias_grad);

}  // namespace lico
