#include "Conv2d.h"

#include "conv2d-dnnl.h"

namespace lico {

uint32_t conv2d_output_height(const Conv2dAttrs& a) {
  return a.transposed ? (a.height - 1) * a.stride - 2 * a.padding + a.kernel_height + a.output_padding
                      : (a.height + 2 * a.padding - a.kernel_height) / a.stride + 1;
}

uint32_t conv2d_output_width(const Conv2dAttrs& a) {
  return a.transposed ? (a.width - 1) * a.stride - 2 * a.padding + a.kernel_width + a.output_padding
                      : (a.width + 2 * a.padding - a.kernel_width) / a.stride + 1;
}

ErrorDetail conv2d(const float* input, const float* weights, const float* bias, const Conv2dAttrs& attrs,
                   float* output) {
  const conv2d_dnnl::Geometry g = conv2d_dnnl::geometry_of(attrs);
  // A convolution gathers from its (strided) input; a transposed one scatters into its output.
  if (!attrs.transposed) return conv2d_dnnl::gather(g, input, weights, bias, output);
  ErrorDetail detail = conv2d_dnnl::scatter(g, input, weights, output);
  if (detail.status == Status::kOk && bias) conv2d_dnnl::add_bias(output, bias, g.n, g.big_c, g.big_h * g.big_w);
  return detail;
}

}  // namespace lico
