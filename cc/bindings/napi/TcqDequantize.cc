// tcqDequantize(indexes: Int32Array, means: Int32Array | undefined, step, states, sequenceLength)
//   -> Int32Array
#include "../../kernels/TcqDequantize.h"

#include "binding-utils.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value TcqDequantize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto indexes = typed_array<Napi::Int32Array>(info, 0, "indexes");
  const int32_t* means = optional_int32_array(info, 1, "means");
  const uint32_t step = uint_argument(info, 2, "step");
  const uint32_t states = uint_argument(info, 3, "states");
  const uint32_t sequence_length = uint_argument(info, 4, "sequenceLength");
  const uint32_t n = static_cast<uint32_t>(indexes.ElementLength());
  Napi::Int32Array out = Napi::Int32Array::New(env, n);
  tcq_dequantize(indexes.Data(), means, n, step, states, sequence_length, out.Data());
  return out;
}

}  // namespace lico::napi
