// activationBackprop(input: Float32Array, outputGrad: Float32Array, kind, negativeSlope) -> Float32Array
// (kind as for activation; the TS side checked that the arrays have one length).
#include "../../kernels/ActivationBackprop.h"

#include "float-kernels.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value ActivationBackprop(const Napi::CallbackInfo& info) {
  const auto input = typed_array<Napi::Float32Array>(info, 0, "input");
  const auto output_grad = typed_array<Napi::Float32Array>(info, 1, "outputGrad");
  if (output_grad.ElementLength() != input.ElementLength())
    throw Napi::RangeError::New(info.Env(), "input and outputGrad must have one length");
  const ActivationKind kind = activation_kind(info, 2);
  const float slope = float_argument(info, 3, "negativeSlope");
  FloatOutput input_grad = float_output(info.Env(), input.ElementLength());
  activation_backprop(input.Data(), output_grad.Data(), input.ElementLength(), kind, slope, input_grad.data);
  return input_grad.array;
}

}  // namespace lico::napi
