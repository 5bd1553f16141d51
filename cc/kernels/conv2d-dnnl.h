// The machinery behind Conv2d, Conv2dBackpropInput and Conv2dBackpropFilter: every direction of
// a float convolution over a batch is one of three oneDNN passes between the strided ("big")
// side and the other ("small") side, with weights [smallChannels, bigChannels, kH, kW]:
//  - gather:  small = Σ w · big (a convolution's forward pass; oneDNN convolution_forward),
//  - scatter: big += w · small (a transposed convolution; convolution_backward_data),
//  - filter_gradient: dw = Σ small · big (convolution_backward_weights).
// A convolution's input is its big side; a transposed convolution's output is. Tensors come and go
// in plain NCHW / OIHW; each pass reorders them to the blocked layouts oneDNN's AVX-512 kernels
// want, in scratch buffers kept between calls, and primitives are cached per geometry.
// Calls are serialized by a mutex (the cache and scratch are shared); oneDNN runs its own
// OpenMP threads inside each.
#pragma once

#include <stdint.h>

#include "../status.h"
#include "Conv2d.h"

namespace lico::conv2d_dnnl {

struct Geometry {
  uint32_t n;
  uint32_t big_c, big_h, big_w;
  uint32_t small_c, small_h, small_w;
  uint32_t kernel_h, kernel_w, stride, padding;
};

Geometry geometry_of(const Conv2dAttrs& attrs);

// small = gather(big) (+ bias[small channel] when bias is not null).
ErrorDetail gather(const Geometry& g, const float* big, const float* weights, const float* bias, float* small);
// big = scatter(small); positions no tap reaches are 0.
ErrorDetail scatter(const Geometry& g, const float* small, const float* weights, float* big);
// weights_grad = Σ small ⊗ big; bias_grad[small channel] = Σ small when not null.
ErrorDetail filter_gradient(const Geometry& g, const float* big, const float* small, float* weights_grad,
                            float* bias_grad);

// tensor[n][c][·] += bias[c] over `plane` values per channel.
void add_bias(float* tensor, const float* bias, uint32_t batch, uint32_t channels, uint64_t plane);
// sums[c] = Σ tensor[n][c][·].
void channel_sums(const float* tensor, uint32_t batch, uint32_t channels, uint64_t plane, float* sums);

}  // namespace lico::conv2d_dnnl
