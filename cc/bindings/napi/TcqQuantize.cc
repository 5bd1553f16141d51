// tcqQuantize(latents: Int32Array, means: Int32Array | undefined, tableIndexes: Int32Array,
//             costs: Uint32Array, starts: Uint32Array, offsets: Int32Array,
//             step, states, sequenceLength, bitCost)
//   -> { status, a, b, indexes?: Int32Array, reconstruction?: Int32Array }
// sequenceLength is at most the number of values (the TS side clamps it).
#include "../../kernels/TcqQuantize.h"

#include <memory>

#include "binding-utils.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value TcqQuantize(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const auto latents = typed_array<Napi::Int32Array>(info, 0, "latents");
  const int32_t* means = optional_int32_array(info, 1, "means");
  const auto table_indexes = typed_array<Napi::Int32Array>(info, 2, "tableIndexes");
  const auto costs = typed_array<Napi::Uint32Array>(info, 3, "costs");
  const auto starts = typed_array<Napi::Uint32Array>(info, 4, "starts");
  const auto offsets = typed_array<Napi::Int32Array>(info, 5, "offsets");
  const TcqQuantizeAttrs attrs{uint_argument(info, 6, "step"), uint_argument(info, 7, "states"),
                               uint_argument(info, 8, "sequenceLength"), uint_argument(info, 9, "bitCost")};
  const uint32_t n = static_cast<uint32_t>(latents.ElementLength());
  const TcqRates rates{costs.Data(), starts.Data(), offsets.Data(), static_cast<uint32_t>(offsets.ElementLength() / 2)};
  const int threads = threads_for(n);
  std::unique_ptr<uint64_t[]> scratch(new uint64_t[tcq_quantize_scratch_bytes(n, attrs.sequence_length, threads) / 8]);
  Napi::Int32Array indexes = Napi::Int32Array::New(env, n);
  Napi::Int32Array reconstruction = Napi::Int32Array::New(env, n);
  ErrorDetail error;
  if (tcq_quantize(latents.Data(), means, table_indexes.Data(), n, rates, attrs, indexes.Data(), reconstruction.Data(),
                   scratch.get(), threads, &error) != Status::kOk) {
    return result(env, error);
  }
  Napi::Object out = result(env, error);
  out.Set("indexes", indexes);
  out.Set("reconstruction", reconstruction);
  return out;
}

}  // namespace lico::napi
