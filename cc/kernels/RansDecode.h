// RansDecode: the lanes and escape section of a rANS stream (docs/rans-stream.md) back to
// values. The header was read and checked by the caller (@lico/core's readRansStreamLayout).
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "../status.h"
#include "rans-tables.h"

namespace lico {

// Bytes the stream buffer must have after its last byte: lanes are read 4 bytes at a time.
constexpr size_t kRansStreamPadding = 8;

struct RansDecodeLayout {
  uint32_t lane_count;
  // lane_count + 1 byte offsets into the stream: lane j is [lane_starts[j], lane_starts[j + 1]).
  const uint32_t* lane_starts;
  uint32_t escape_start;
  uint32_t escape_end;
};

// Scratch bytes rans_decode needs for n symbols in `lanes` lanes (8-byte aligned).
size_t rans_decode_scratch_bytes(uint32_t n, uint32_t lanes);

// Decodes n values coded with tables[indexes[i]]. `stream` has kRansStreamPadding readable
// bytes past its end; `scratch` is 8-byte aligned. Up to `threads` threads share the lanes.
Status rans_decode(const RansTableSet& tables, const uint8_t* stream, const RansDecodeLayout& layout,
                   const int32_t* indexes, uint32_t n, int32_t* values, void* scratch, int threads,
                   ErrorDetail* error);

}  // namespace lico
