// quantizeScalar(latents: Int32Array, means: Int32Array | undefined, step, rounding)
//   -> { indexes: Int32Array, reconstruction: Int32Array }
#include "../../kernels/QuantizeScalar.h"

#include "binding-utils.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value QuantizeScalar(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto latents = typed_array<Napi::Int32Array>(info, 0, "latents");
  const int32_t* means = optional_int32_array(info, 1, "means");
  const uint32_t step = uint_argument(info, 2, "step");
  const uint32_t rounding = uint_argument(info, 3, "rounding");
  const uint32_t n = static_cast<uint32_t>(latents.ElementLength());
  Napi::Int32Array indexes = Napi::Int32Array::New(env, n);
  Napi::Int32Array reconstruction = Napi::Int32Array::New(env, n);
  quantize_scalar(latents.Data(), means, n, step, rounding, indexes.Data(), reconstruction.Data());
  Napi::Object out = Napi::Object::New(env);
  out.Set("indexes", indexes);
  out.Set("reconstruction", reconstruction);
  return out;
}

}  // namespace lico::napi
