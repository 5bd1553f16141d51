// ransDecode(tables, stream: Uint8Array, laneStarts: Uint32Array, escapeStart, escapeEnd,
//            indexes: Int32Array, output?: Int32Array) -> { status, a, b, values?: Int32Array }
// With `output` (as long as indexes, checked in TS) the values go there and `values` is it.
// laneStarts has one offset per lane plus the end of the last lane, as readRansStreamLayout gives.
#include "../../kernels/RansDecode.h"

#include <cstdlib>
#include <cstring>
#include <memory>

#include "binding-utils.h"
#include "kernels.h"

namespace lico::napi {

Napi::Value RansDecode(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  const RansTableSet& tables = tables_argument(info, 0);
  const auto stream = typed_array<Napi::Uint8Array>(info, 1, "stream");
  const auto lane_starts = typed_array<Napi::Uint32Array>(info, 2, "laneStarts");
  const uint32_t escape_start = uint_argument(info, 3, "escapeStart");
  const uint32_t escape_end = uint_argument(info, 4, "escapeEnd");
  const auto indexes = typed_array<Napi::Int32Array>(info, 5, "indexes");
  const uint32_t n = static_cast<uint32_t>(indexes.ElementLength());
  const uint32_t lanes = static_cast<uint32_t>(lane_starts.ElementLength() - 1);
  // The lane loop reads whole words, so it gets a copy with readable bytes past the end.
  std::unique_ptr<uint8_t[]> padded(new uint8_t[stream.ByteLength() + kRansStreamPadding]());
  std::memcpy(padded.get(), stream.Data(), stream.ByteLength());
  std::unique_ptr<uint64_t[]> scratch(new uint64_t[rans_decode_scratch_bytes(n, lanes) / 8]);
  const RansDecodeLayout layout{lanes, lane_starts.Data(), escape_start, escape_end};
  ErrorDetail error;
  if (info.Length() > 6 && info[6].IsTypedArray()) {
    Napi::Int32Array output = typed_array<Napi::Int32Array>(info, 6, "output");
    if (rans_decode(tables, padded.get(), layout, indexes.Data(), n, output.Data(), scratch.get(), threads_for(n),
                    &error) != Status::kOk) {
      return result(env, error);
    }
    Napi::Object out = result(env, error);
    out.Set("values", output);
    return out;
  }
  const size_t bytes = static_cast<size_t>(n) * 4;
  std::unique_ptr<uint8_t, decltype(&std::free)> values(allocate_output(bytes), &std::free);
  if (!values) return result(env, {Status::kOutOfMemory, static_cast<uint32_t>(bytes), 0});
  if (rans_decode(tables, padded.get(), layout, indexes.Data(), n, reinterpret_cast<int32_t*>(values.get()),
                  scratch.get(), threads_for(n), &error) != Status::kOk) {
    return result(env, error);
  }
  Napi::Object out = result(env, error);
  out.Set("values", Napi::Int32Array::New(env, n, adopt(env, values.release(), bytes), 0));
  return out;
}

}  // namespace lico::napi
