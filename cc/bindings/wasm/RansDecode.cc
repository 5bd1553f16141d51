// lico_RansDecode(tables, stream, laneStarts, lanes, escapeStart, escapeEnd, indexes, n, values,
//                 error) -> status. `stream` has kRansStreamPadding bytes after its end;
// `error` receives the ErrorDetail.
#include "../../kernels/RansDecode.h"

#include "heap.h"

using namespace lico;

LICO_EXPORT(lico_RansDecode)
int32_t lico_RansDecode(const RansTableSet* tables, const uint8_t* stream, const uint32_t* lane_starts, uint32_t lanes,
                        uint32_t escape_start, uint32_t escape_end, const int32_t* indexes, uint32_t n,
                        int32_t* values, ErrorDetail* error) {
  *error = {};
  const size_t scratch_bytes = rans_decode_scratch_bytes(n, lanes);
  void* scratch = wasm::allocate(scratch_bytes);
  if (!scratch) {
    *error = {Status::kOutOfMemory, static_cast<uint32_t>(scratch_bytes), 0};
    return static_cast<int32_t>(error->status);
  }
  const RansDecodeLayout layout{lanes, lane_starts, escape_start, escape_end};
  const Status status = rans_decode(*tables, stream, layout, indexes, n, values, scratch, 1, error);
  wasm::release(scratch);
  return static_cast<int32_t>(status);
}
