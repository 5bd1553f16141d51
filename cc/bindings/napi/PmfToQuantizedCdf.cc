// pmfToQuantizedCdf(pmf: Uint32Array, starts: Uint32Array, precision) -> Uint32Array
#include "../../kernels/PmfToQuantizedCdf.h"

#include <memory>

#include "binding-utils.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value PmfToQuantizedCdf(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto pmf = typed_array<Napi::Uint32Array>(info, 0, "pmf");
  const auto starts = typed_array<Napi::Uint32Array>(info, 1, "starts");
  const uint32_t precision = uint_argument(info, 2, "precision");
  const uint32_t count = static_cast<uint32_t>(starts.ElementLength() - 1);
  uint32_t max_symbols = 0;
  for (uint32_t t = 0; t < count; ++t) {
    if (starts[t + 1] - starts[t] > max_symbols) max_symbols = starts[t + 1] - starts[t];
  }
  std::unique_ptr<uint64_t[]> scratch(new uint64_t[pmf_to_quantized_cdf_scratch_bytes(max_symbols) / 8 + 1]);
  Napi::Uint32Array cdf = Napi::Uint32Array::New(env, pmf.ElementLength() + count);
  pmf_to_quantized_cdf(pmf.Data(), starts.Data(), count, precision, cdf.Data(), scratch.get());
  return cdf;
}

}  // namespace lico::napi
