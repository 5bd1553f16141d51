// gdnBackprop(input, norm, outputGrad, gamma: Float32Array, batch, channels, height, width,
//             inverse: boolean) -> { status, a, b, inputGrad?, betaGrad?, gammaGrad? }
// The TS side has run checkGdnBackpropInputs.
#include "../../kernels/GdnBackprop.h"

#include "float-kernels.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value GdnBackprop(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto input = typed_array<Napi::Float32Array>(info, 0, "input");
  const auto norm = typed_array<Napi::Float32Array>(info, 1, "norm");
  const auto output_grad = typed_array<Napi::Float32Array>(info, 2, "outputGrad");
  const auto gamma = typed_array<Napi::Float32Array>(info, 3, "gamma");
  const GdnAttrs attrs = gdn_attrs(info, 4);
  FloatOutput input_grad = float_output(env, input.ElementLength());
  Napi::Float32Array beta_grad = Napi::Float32Array::New(env, attrs.channels);
  Napi::Float32Array gamma_grad = Napi::Float32Array::New(env, static_cast<size_t>(attrs.channels) * attrs.channels);
  const ErrorDetail detail = gdn_backprop(input.Data(), norm.Data(), output_grad.Data(), gamma.Data(), attrs,
                                          input_grad.data, beta_grad.Data(), gamma_grad.Data());
  Napi::Object out = result(env, detail);
  if (detail.status == Status::kOk) {
    out.Set("inputGrad", input_grad.array);
    out.Set("betaGrad", beta_grad);
    out.Set("gammaGrad", gamma_grad);
  }
  return out;
}

}  // namespace lico::napi
