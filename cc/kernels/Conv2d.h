// Conv2d: float 2-D convolution and transposed convolution of a batch (NCHW, PyTorch semantics,
// zero padding), the forward pass of training, by the rule of packages/core/src/kernels/Conv2d.ts.
// Weights are [outChannels, inChannels, kH, kW], or [inChannels, outChannels, kH, kW] when
// transposed. The caller checked the geometry (@lico/core's checkConv2dAttrs). Runs on oneDNN
// (conv2d-dnnl.h) with its threads.
#pragma once

#include <stdint.h>

#include "../status.h"

namespace lico {

struct Conv2dAttrs {
  uint32_t batch, in_channels, height, width;
  uint32_t out_channels, kernel_height, kernel_width;
  uint32_t stride, padding;
  bool transposed;
  uint32_t output_padding;
};

// Output rows and columns: floor((n + 2p − k)/s) + 1, or (n − 1)·s − 2p + k + outputPadding.
uint32_t conv2d_output_height(const Conv2dAttrs& attrs);
uint32_t conv2d_output_width(const Conv2dAttrs& attrs);

// input [batch, inChannels, height, width]; bias [outChannels] or null;
// output [batch, outChannels, outHeight, outWidth].
ErrorDetail conv2d(const float* input, const float* weights, const float* bias, const Conv2dAttrs& attrs,
                   float* output);

}  // namespace lico
