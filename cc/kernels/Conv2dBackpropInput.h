// Conv2dBackpropInput: the input gradient of Conv2d (packages/core/src/kernels/Conv2dBackpropInput.ts).
#pragma once

#include "Conv2d.h"

namespace lico {

// output_grad [batch, outChannels, outHeight, outWidth]; input_grad [batch, inChannels, height, width].
ErrorDetail conv2d_backprop_input(const float* output_grad, const float* weights, const Conv2dAttrs& attrs,
                                  float* input_grad);

}  // namespace lico
