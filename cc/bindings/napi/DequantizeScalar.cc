// dequantizeScalar(indexes: Int32Array, means: Int32Array | undefined, step) -> Int32Array
#include "../../kernels/DequantizeScalar.h"

#include "binding-utils.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value DequantizeScalar(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto indexes = typed_array<Napi::Int32Array>(info, 0, "indexes");
  const int32_t* means = optional_int32_array(info, 1, "means");
  const uint32_t step = uint_argument(info, 2, "step");
  const uint32_t n = static_cast<uint32_t>(indexes.ElementLength());
  Napi::Int32Array out = Napi::Int32Array::New(env, n);
  dequantize_scalar(indexes.Data(), means, n, step, out.Data());
  return out;
}

}  // namespace lico::napi
