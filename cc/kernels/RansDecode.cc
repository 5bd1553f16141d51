#include "RansDecode.h"

#include "../simd/vec.h"
#include "escape-bits.h"
#include "rans-decode-lanes.h"
#include "rans-lanes.h"

namespace lico {
namespace {

struct DecodeScratch {
  uint32_t* x;
  uint32_t* position;
  uint32_t* overrun;
  uint32_t* bad_index;
  uint64_t* escapes;
};

DecodeScratch carve(void* scratch, uint32_t n, uint32_t lanes) {
  uint64_t* escapes = static_cast<uint64_t*>(scratch);
  uint32_t* lane_arrays = reinterpret_cast<uint32_t*>(escapes + escape_bitmap_words(n));
  return {lane_arrays, lane_arrays + lanes, lane_arrays + 2 * lanes, lane_arrays + 3 * lanes, escapes};
}

uint32_t read_u32(const uint8_t* p) {
  return p[0] | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24;
}

Status fail(ErrorDetail* error, Status status, uint32_t a = 0, uint32_t b = 0) {
  *error = {status, a, b};
  return status;
}

Status decode_escapes(const RansTableSet& tables, const uint8_t* stream, const RansDecodeLayout& layout,
                      const int32_t* indexes, uint32_t n, int32_t* values, const uint64_t* escapes,
                      ErrorDetail* error) {
  EscapeReader reader(stream + layout.escape_start, layout.escape_end - layout.escape_start);
  Status status = Status::kOk;
  uint32_t where = 0;
  for_each_escape(escapes, n, [&](uint32_t i) {
    const RansTable& table = tables.tables[indexes[i]];
    uint64_t code;
    bool truncated;
    if (!reader.read(&code, &truncated)) {
      status = truncated ? Status::kEscapeTruncated : Status::kEscapePrefixTooLong;
      return false;
    }
    const int64_t s = (code & 1) == 0 ? -static_cast<int64_t>(code / 2) - 1
                                      : static_cast<int64_t>((code - 1) / 2) + table.escape;
    const int64_t value = s + table.value_offset;
    if (value < INT32_MIN || value > INT32_MAX) {
      status = Status::kEscapeValueOutOfRange;
      where = i;
      return false;
    }
    values[i] = static_cast<int32_t>(value);
    return true;
  });
  if (status != Status::kOk) return fail(error, status, where);
  if (reader.bytes_used() != layout.escape_end - layout.escape_start) return fail(error, Status::kEscapeUnusedBytes);
  return Status::kOk;
}

}  // namespace

size_t rans_decode_scratch_bytes(uint32_t n, uint32_t lanes) {
  return escape_bitmap_words(n) * 8 + static_cast<size_t>(lanes) * 4 * sizeof(uint32_t);
}

Status rans_decode(const RansTableSet& tables, const uint8_t* stream, const RansDecodeLayout& layout,
                   const int32_t* indexes, uint32_t n, int32_t* values, void* scratch, int threads,
                   ErrorDetail* error) {
  const uint32_t lanes = layout.lane_count;
  const DecodeScratch s = carve(scratch, n, lanes);
  for (uint32_t lane = 0; lane < lanes; ++lane) {
    const uint32_t x = read_u32(stream + layout.lane_starts[lane]);
    if (x < kRansStateLower || x >= kRansStateUpper) return fail(error, Status::kLaneBadStart, lane);
    s.x[lane] = x;
    s.position[lane] = layout.lane_starts[lane] + 4;
    s.overrun[lane] = 0;
    s.bad_index[lane] = 0;
  }
  for (size_t w = 0; w < escape_bitmap_words(n); ++w) s.escapes[w] = 0;

  const DecodeLanes d{&tables, stream, layout.lane_starts, indexes, values, s.escapes, s.x, s.position,
                      s.overrun, s.bad_index, LaneGrid(n, lanes)};
  const int chunks = threads < 1 ? 1 : threads;
#pragma omp parallel for num_threads(chunks) schedule(static, 1)
  for (int c = 0; c < chunks; ++c) {
    decode_range<VecBest, VecBest::kUnroll>(d, lane_range(lanes, chunks, c, VecBest::kWidth));
  }

  for (uint32_t lane = 0; lane < lanes; ++lane) {
    if (s.bad_index[lane]) {
      const uint32_t i = first_bad_index(indexes, n, tables.table_count);
      return fail(error, Status::kTableIndexOutOfRange, i, static_cast<uint32_t>(indexes[i]));
    }
  }
  for (uint32_t lane = 0; lane < lanes; ++lane) {
    if (s.overrun[lane]) return fail(error, Status::kLaneOverrun, lane);
    if (s.x[lane] != kRansStateLower || s.position[lane] != layout.lane_starts[lane + 1]) {
      return fail(error, Status::kLaneBadEnd, lane);
    }
  }
  return decode_escapes(tables, stream, layout, indexes, n, values, s.escapes, error);
}

}  // namespace lico
