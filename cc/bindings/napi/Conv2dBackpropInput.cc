// conv2dBackpropInput(outputGrad: Float32Array, weights: Float32Array, ...geometry)
//   -> { status, a, b, inputGrad?: Float32Array [batch, inChannels, height, width] }
// The TS side has run checkConv2dBackpropInputInputs.
#include "../../kernels/Conv2dBackpropInput.h"

#include "float-kernels.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value Conv2dBackpropInput(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto output_grad = typed_array<Napi::Float32Array>(info, 0, "outputGrad");
  const auto weights = typed_array<Napi::Float32Array>(info, 1, "weights");
  const Conv2dAttrs attrs = conv2d_attrs(info, 2);
  const uint64_t n = static_cast<uint64_t>(attrs.batch) * attrs.in_channels * attrs.height * attrs.width;
  FloatOutput input_grad = float_output(env, n);
  const ErrorDetail detail = conv2d_backprop_input(output_grad.Data(), weights.Data(), attrs, input_grad.data);
  return float_result(env, detail, "inputGrad", input_grad.array);
}

}  // namespace lico::napi
