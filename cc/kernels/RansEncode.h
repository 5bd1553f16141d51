// RansEncode: values to the lanes and escape section of a rANS stream (docs/rans-stream.md).
// The caller writes the header around them (@lico/core's writeRansStream). Two phases, so a
// binding without a general allocator can size the escape buffer between them.
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "../status.h"
#include "rans-tables.h"

namespace lico {

// Bytes the lane buffer must hold: every lane's worst case, 4 + 2 per symbol.
size_t rans_encode_lane_capacity(uint32_t n, uint32_t lanes);

// Scratch bytes rans_encode_lanes needs (8-byte aligned); rans_encode_escapes reads it after.
size_t rans_encode_scratch_bytes(uint32_t n, uint32_t lanes);

// Phase 1: codes every lane. On return lanes 0 … lanes-1 lie back to back at the start of
// `lane_bytes`, lane j taking lane_lengths[j] bytes, and *escape_bits is the escape section's
// length in bits. Up to `threads` threads share the lanes.
Status rans_encode_lanes(const RansTableSet& tables, const int32_t* values, const int32_t* indexes, uint32_t n,
                         uint32_t lanes, uint8_t* lane_bytes, uint32_t* lane_lengths, void* scratch, int threads,
                         uint64_t* escape_bits, ErrorDetail* error);

// Phase 2: writes the escape section, (escape_bits + 7) / 8 bytes, zero-padded.
void rans_encode_escapes(const RansTableSet& tables, const int32_t* values, const int32_t* indexes, uint32_t n,
                         const void* scratch, uint8_t* out);

}  // namespace lico
