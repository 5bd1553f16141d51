#include "RansEncode.h"

#include "escape-bits.h"
#include "rans-lanes.h"

namespace lico {
namespace {

struct EncodeScratch {
  uint64_t* escapes;
  uint32_t* x;
  uint32_t* position;
  uint32_t* bad_index;
};

EncodeScratch carve(void* scratch, uint32_t n, uint32_t lanes) {
  uint64_t* escapes = static_cast<uint64_t*>(scratch);
  uint32_t* lane_arrays = reinterpret_cast<uint32_t*>(escapes + escape_bitmap_words(n));
  return {escapes, lane_arrays, lane_arrays + lanes, lane_arrays + 2 * lanes};
}

// Where lane j's worst-case region ends in the lane buffer (regions are laid out in lane order).
uint32_t region_end(const LaneGrid& grid, uint32_t lane) {
  const uint32_t j = lane + 1;
  return 4 * j + 2 * (j * grid.rows + (j < grid.tail ? j : grid.tail));
}

// Codes lanes [range.begin, range.end) backwards, row by row, so that a thread walks values and
// indexes in memory order (descending) while each lane's state stays in the scratch arrays.
void encode_range(const RansTableSet& tb, const int32_t* values, const int32_t* indexes, const LaneGrid& grid,
                  LaneRange range, uint8_t* bytes, const EncodeScratch& s) {
  const uint32_t p = tb.precision;
  const uint32_t limit_shift = 31 - p;
  bool bad_index = false;
  for (uint32_t row = grid.rows + 1; row-- > 0;) {
    const uint32_t end = row == grid.rows ? (range.end < grid.tail ? range.end : grid.tail) : range.end;
    for (uint32_t lane = range.begin; lane < end; ++lane) {
      const uint32_t i = row * grid.lanes + lane;
      const uint32_t t = static_cast<uint32_t>(indexes[i]);
      if (t >= tb.table_count) {
        bad_index = true;
        continue;
      }
      const RansTable& table = tb.tables[t];
      const int64_t s64 = static_cast<int64_t>(values[i]) - table.value_offset;
      uint32_t symbol = static_cast<uint32_t>(s64);
      if (s64 < 0 || s64 >= table.escape) {
        symbol = table.escape;
        mark_escape(s.escapes, i);
      }
      const uint32_t info = tb.symbol_info[table.symbol_base + symbol];
      const uint32_t start = info & 0xffff;
      const uint32_t freq = (info >> 16) + 1;
      const uint32_t limit = freq << limit_shift;
      uint32_t x = s.x[lane];
      uint32_t position = s.position[lane];
      if (x >= limit) {
        bytes[--position] = static_cast<uint8_t>(x);
        x >>= 8;
        if (x >= limit) {
          bytes[--position] = static_cast<uint8_t>(x);
          x >>= 8;
        }
      }
      s.x[lane] = ((x / freq) << p) + x % freq + start;
      s.position[lane] = position;
    }
  }
  if (bad_index) s.bad_index[range.begin] = 1;
}

}  // namespace

size_t rans_encode_lane_capacity(uint32_t n, uint32_t lanes) {
  return 4 * static_cast<size_t>(lanes) + 2 * static_cast<size_t>(n);
}

size_t rans_encode_scratch_bytes(uint32_t n, uint32_t lanes) {
  // Rounded up to whole 8-byte words, the unit callers allocate in.
  return escape_bitmap_words(n) * 8 + (static_cast<size_t>(lanes) * 3 * sizeof(uint32_t) + 7) / 8 * 8;
}

Status rans_encode_lanes(const RansTableSet& tables, const int32_t* values, const int32_t* indexes, uint32_t n,
                         uint32_t lanes, uint8_t* lane_bytes, uint32_t* lane_lengths, void* scratch, int threads,
                         uint64_t* escape_bits, ErrorDetail* error) {
  const EncodeScratch s = carve(scratch, n, lanes);
  const LaneGrid grid(n, lanes);
  for (size_t w = 0; w < escape_bitmap_words(n); ++w) s.escapes[w] = 0;
  for (uint32_t lane = 0; lane < lanes; ++lane) {
    s.x[lane] = kRansStateLower;
    s.position[lane] = region_end(grid, lane);
    s.bad_index[lane] = 0;
  }
  const int chunks = threads < 1 ? 1 : threads;
#pragma omp parallel for num_threads(chunks) schedule(static, 1)
  for (int c = 0; c < chunks; ++c) {
    encode_range(tables, values, indexes, grid, lane_range(lanes, chunks, c, 1), lane_bytes, s);
  }
  for (uint32_t lane = 0; lane < lanes; ++lane) {
    if (s.bad_index[lane]) {
      const uint32_t i = first_bad_index(indexes, n, tables.table_count);
      *error = {Status::kTableIndexOutOfRange, i, static_cast<uint32_t>(indexes[i])};
      return error->status;
    }
  }
  // Each lane's final state goes in front of its bytes; then the lanes close ranks.
  uint32_t out = 0;
  for (uint32_t lane = 0; lane < lanes; ++lane) {
    uint32_t position = s.position[lane] - 4;
    const uint32_t x = s.x[lane];
    for (int k = 0; k < 4; ++k) lane_bytes[position + k] = static_cast<uint8_t>(x >> (8 * k));
    const uint32_t length = region_end(grid, lane) - position;
    __builtin_memmove(lane_bytes + out, lane_bytes + position, length);
    lane_lengths[lane] = length;
    out += length;
  }
  uint64_t bits = 0;
  for_each_escape(s.escapes, n, [&](uint32_t i) {
    const RansTable& table = tables.tables[indexes[i]];
    bits += escape_length(escape_code(values[i], table.value_offset, table.escape));
    return true;
  });
  *escape_bits = bits;
  return Status::kOk;
}

void rans_encode_escapes(const RansTableSet& tables, const int32_t* values, const int32_t* indexes, uint32_t n,
                         const void* scratch, uint8_t* out) {
  const uint64_t* escapes = static_cast<const uint64_t*>(scratch);
  EscapeWriter writer(out);
  for_each_escape(escapes, n, [&](uint32_t i) {
    const RansTable& table = tables.tables[indexes[i]];
    writer.write(escape_code(values[i], table.value_offset, table.escape));
    return true;
  });
  writer.finish();
}

}  // namespace lico
