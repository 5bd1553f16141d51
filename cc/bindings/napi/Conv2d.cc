// conv2d(input: Float32Array, weights: Float32Array, bias: Float32Array | undefined, ...geometry)
//   -> { status, a, b, output?: Float32Array [batch, outChannels, outHeight, outWidth] }
// The TS side has run checkConv2dInputs.
#include "../../kernels/Conv2d.h"

#include "float-kernels.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value Conv2d(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto input = typed_array<Napi::Float32Array>(info, 0, "input");
  const auto weights = typed_array<Napi::Float32Array>(info, 1, "weights");
  const float* bias = optional_float_array(info, 2, "bias");
  const Conv2dAttrs attrs = conv2d_attrs(info, 3);
  const uint64_t n = static_cast<uint64_t>(attrs.batch) * attrs.out_channels * conv2d_output_height(attrs) *
                     conv2d_output_width(attrs);
  FloatOutput output = float_output(env, n);
  const ErrorDetail detail = conv2d(input.Data(), weights.Data(), bias, attrs, output.data);
  return float_result(env, detail, "output", output.array);
}

}  // namespace lico::napi
