#include "Conv2dBackpropInput.h"

#include "conv2d-dnnl.h"

namespace lico {

ErrorDetail conv2d_backprop_input(const float* output_grad, const float* weights, const Conv2dAttrs& attrs,
                                  float* input_grad) {
  const conv2d_dnnl::Geometry g = conv2d_dnnl::geometry_of(attrs);
  // The gradient runs against the forward direction.
  return attrs.transposed ? conv2d_dnnl::gather(g, output_grad, weights, nullptr, input_grad)
                          : conv2d_dnnl::scatter(g, output_grad, weights, input_grad);
}

}  // namespace lico
