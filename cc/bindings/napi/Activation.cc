// activation(input: Float32Array, kind: 0 relu | 1 leakyRelu | 2 sigmoid | 3 tanh | 4 softplus,
//            negativeSlope) -> Float32Array
#include "../../kernels/Activation.h"

#include "float-kernels.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value Activation(const Napi::CallbackInfo& info) {
  const auto input = typed_array<Napi::Float32Array>(info, 0, "input");
  const ActivationKind kind = activation_kind(info, 1);
  const float slope = float_argument(info, 2, "negativeSlope");
  FloatOutput output = float_output(info.Env(), input.ElementLength());
  activation(input.Data(), input.ElementLength(), kind, slope, output.data);
  return output.array;
}

}  // namespace lico::napi
