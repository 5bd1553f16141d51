#include "Conv2dBackpropFilter.h"

#include "conv2d-dnnl.h"

namespace lico {

ErrorDetail conv2d_backprop_filter(const float* input, const float* output_grad, const Conv2dAttrs& attrs,
                                   float* weights_grad, float* bias_grad) {
  const conv2d_dnnl::Geometry g = conv2d_dnnl::geometry_of(attrs);
  if (!attrs.transposed) return conv2d_dnnl::filter_gradient(g, input, output_grad, weights_grad, bias_grad);
  // Transposed, the layer's output is the strided side and its bias sits on that side.
  ErrorDetail detail = conv2d_dnnl::filter_gradient(g, output_grad, input, weights_grad, nullptr);
  if (detail.status == Status::kOk && bias_grad)
    conv2d_dnnl::channel_sums(output_grad, g.n, g.big_c, g.big_h * g.big_w, bias_grad);
  return detail;
}

}  // namespace lico
