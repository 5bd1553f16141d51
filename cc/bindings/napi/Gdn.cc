// gdn(input: Float32Array, beta: Float32Array, gamma: Float32Array, batch, channels, height, width,
//     inverse: boolean) -> { status, a, b, output?: Float32Array, norm?: Float32Array }
// The TS side has run checkGdnInputs.
#include "../../kernels/Gdn.h"

#include "float-kernels.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value Gdn(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto input = typed_array<Napi::Float32Array>(info, 0, "input");
  const auto beta = typed_array<Napi::Float32Array>(info, 1, "beta");
  const auto gamma = typed_array<Napi::Float32Array>(info, 2, "gamma");
  const GdnAttrs attrs = gdn_attrs(info, 3);
  FloatOutput output = float_output(env, input.ElementLength());
  FloatOutput norm = float_output(env, input.ElementLength());
  const ErrorDetail detail = gdn(input.Data(), beta.Data(), gamma.Data(), attrs, output.data, norm.data);
  Napi::Object out = result(env, detail);
  if (detail.status == Status::kOk) {
    out.Set("output", output.array);
    out.Set("norm", norm.array);
  }
  return out;
}

}  // namespace lico::napi
