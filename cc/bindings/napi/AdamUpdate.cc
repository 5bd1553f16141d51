// adamUpdate(params, grads, m, v: Float32Array, learningRate, beta1, beta2, epsilon, step,
//            maxGradNorm) -> gradNorm (number); params, m and v are updated in place.
// The TS side has run checkAdamUpdateInputs.
#include "../../kernels/AdamUpdate.h"

#include <cmath>

#include "float-kernels.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value AdamUpdate(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  auto params = typed_array<Napi::Float32Array>(info, 0, "params");
  const auto grads = typed_array<Napi::Float32Array>(info, 1, "grads");
  auto m = typed_array<Napi::Float32Array>(info, 2, "m");
  auto v = typed_array<Napi::Float32Array>(info, 3, "v");
  const size_t n = params.ElementLength();
  if (grads.ElementLength() != n || m.ElementLength() != n || v.ElementLength() != n)
    throw Napi::RangeError::New(env, "params, grads, m and v must have one length");
  auto number = [&](size_t i, const char* what) {
    if (!info[i].IsNumber()) throw Napi::TypeError::New(env, std::string(what) + " must be a number");
    return info[i].As<Napi::Number>().DoubleValue();
  };
  const AdamAttrs attrs{number(4, "learningRate"), number(5, "beta1"), number(6, "beta2"), number(7, "epsilon"),
                        uint_argument(info, 8, "step"), number(9, "maxGradNorm")};
  const double norm = adam_update(params.Data(), grads.Data(), m.Data(), v.Data(), n, attrs);
  return Napi::Number::New(env, norm);
}

}  // namespace lico::napi
