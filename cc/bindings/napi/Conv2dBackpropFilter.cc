// conv2dBackpropFilter(input: Float32Array, outputGrad: Float32Array, ...geometry, hasBias: boolean)
//   -> { status, a, b, weightsGrad?: Float32Array, biasGrad?: Float32Array }
// The TS side has run checkConv2dBackpropFilterInputs.
#include "../../kernels/Conv2dBackpropFilter.h"

#include "float-kernels.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value Conv2dBackpropFilter(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto input = typed_array<Napi::Float32Array>(info, 0, "input");
  const auto output_grad = typed_array<Napi::Float32Array>(info, 1, "outputGrad");
  const Conv2dAttrs attrs = conv2d_attrs(info, 2);
  if (!info[13].IsBoolean()) throw Napi::TypeError::New(env, "hasBias must be a boolean");
  const bool has_bias = info[13].As<Napi::Boolean>().Value();
  FloatOutput weights_grad = float_output(
      env, static_cast<uint64_t>(attrs.in_channels) * attrs.out_channels * attrs.kernel_height * attrs.kernel_width);
  Napi::Float32Array bias_grad = Napi::Float32Array::New(env, has_bias ? attrs.out_channels : 0);
  const ErrorDetail detail = conv2d_backprop_filter(input.Data(), output_grad.Data(), attrs, weights_grad.data,
                                                    has_bias ? bias_grad.Data() : nullptr);
  Napi::Object out = result(env, detail);
  if (detail.status == Status::kOk) {
    out.Set("weightsGrad", weights_grad.array);
    if (has_bias) out.Set("biasGrad", bias_grad);
  }
  return out;
}

}  // namespace lico::napi
