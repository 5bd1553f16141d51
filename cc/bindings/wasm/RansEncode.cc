// lico_RansEncode(tables, values, indexes, n, lanes) -> EncodeResult*, freed with
// lico_RansEncodeFree. On success the lane bytes lie back to back in `lanes`.
#include "../../kernels/RansEncode.h"

#include "heap.h"

using namespace lico;

struct EncodeResult {
  ErrorDetail error;
  uint8_t* lanes;
  uint32_t* lane_lengths;
  uint8_t* escapes;
  uint32_t escape_length;
};

LICO_EXPORT(lico_RansEncodeFree) void lico_RansEncodeFree(EncodeResult* result) {
  wasm::release(result->lanes);
  wasm::release(result->lane_lengths);
  wasm::release(result->escapes);
  wasm::release(result);
}

LICO_EXPORT(lico_RansEncode)
EncodeResult* lico_RansEncode(const RansTableSet* tables, const int32_t* values, const int32_t* indexes, uint32_t n,
                              uint32_t lanes) {
  auto* result = wasm::allocate_array<EncodeResult>(1);
  if (!result) return nullptr;
  *result = {};
  const size_t capacity = rans_encode_lane_capacity(n, lanes);
  const size_t scratch_bytes = rans_encode_scratch_bytes(n, lanes);
  result->lanes = wasm::allocate_array<uint8_t>(capacity);
  result->lane_lengths = wasm::allocate_array<uint32_t>(lanes);
  void* scratch = wasm::allocate(scratch_bytes);
  if (!result->lanes || !result->lane_lengths || !scratch) {
    result->error = {Status::kOutOfMemory, static_cast<uint32_t>(capacity + scratch_bytes), 0};
    wasm::release(scratch);
    return result;
  }
  uint64_t escape_bits = 0;
  if (rans_encode_lanes(*tables, values, indexes, n, lanes, result->lanes, result->lane_lengths, scratch, 1,
                        &escape_bits, &result->error) == Status::kOk) {
    result->escape_length = static_cast<uint32_t>((escape_bits + 7) / 8);
    result->escapes = wasm::allocate_array<uint8_t>(result->escape_length);
    if (result->escapes) {
      rans_encode_escapes(*tables, values, indexes, n, scratch, result->escapes);
    } else {
      result->error = {Status::kOutOfMemory, result->escape_length, 0};
    }
  }
  wasm::release(scratch);
  return result;
}
