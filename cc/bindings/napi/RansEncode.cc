// ransEncode(tables, values: Int32Array, indexes: Int32Array, lanes)
//   -> { status, a, b, lanes?: Uint8Array, laneLengths?: Uint32Array, escapes?: Uint8Array }
#include "../../kernels/RansEncode.h"

#include <cstring>
#include <memory>

#include "binding-utils.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value RansEncode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const RansTableSet& tables = tables_argument(info, 0);
  const auto values = typed_array<Napi::Int32Array>(info, 1, "values");
  const auto indexes = typed_array<Napi::Int32Array>(info, 2, "indexes");
  const uint32_t lanes = uint_argument(info, 3, "lanes");
  const uint32_t n = static_cast<uint32_t>(values.ElementLength());
  const size_t capacity = rans_encode_lane_capacity(n, lanes);
  // Lane offsets are 32-bit inside the kernel.
  if (capacity > UINT32_MAX) return result(env, {Status::kOutOfMemory, static_cast<uint32_t>(capacity), 0});
  std::unique_ptr<uint8_t[]> bytes(new uint8_t[capacity]);
  std::unique_ptr<uint64_t[]> scratch(new uint64_t[rans_encode_scratch_bytes(n, lanes) / 8]);
  Napi::Uint32Array lengths = Napi::Uint32Array::New(env, lanes);
  uint64_t escape_bits = 0;
  ErrorDetail error;
  if (rans_encode_lanes(tables, values.Data(), indexes.Data(), n, lanes, bytes.get(), lengths.Data(), scratch.get(),
                        threads_for(n), &escape_bits, &error) != Status::kOk) {
    return result(env, error);
  }
  size_t total = 0;
  for (uint32_t j = 0; j < lanes; ++j) total += lengths[j];
  Napi::Uint8Array lane_bytes = Napi::Uint8Array::New(env, total);
  std::memcpy(lane_bytes.Data(), bytes.get(), total);
  Napi::Uint8Array escapes = Napi::Uint8Array::New(env, static_cast<size_t>((escape_bits + 7) / 8));
  rans_encode_escapes(tables, values.Data(), indexes.Data(), n, scratch.get(), escapes.Data());
  Napi::Object out = result(env, error);
  out.Set("lanes", lane_bytes);
  out.Set("laneLengths", lengths);
  out.Set("escapes", escapes);
  return out;
}

}  // namespace lico::napi
