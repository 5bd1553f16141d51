// CDF tables rearranged for coding: what RansEncode and RansDecode look up per symbol.
// Built once per CdfTables object (the TS side caches it) from tables already validated by
// @lico/core's assertValidCdfTables.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace lico {

// rANS constants of stream format version 1 (docs/rans-stream.md).
constexpr uint32_t kRansStateLower = 1u << 23;
constexpr uint32_t kRansStateUpper = 1u << 31;

// One table: its first symbol in the global symbol arrays, its escape symbol, its value offset.
struct RansTable {
  uint32_t symbol_base;
  uint32_t escape;
  int32_t value_offset;
};

// Decode looks a slot up in a per-table bucket array (2^bucket_bits buckets), which names the
// symbol holding the bucket's first slot; a short forward scan finds the exact symbol. Bucket
// memory is capped so that a million tiny tables do not need gigabytes.
constexpr uint32_t kMaxBucketBits = 8;
constexpr uint64_t kMaxBucketEntries = 1u << 20;

struct RansTableSet {
  uint32_t precision;
  uint32_t table_count;
  uint32_t bucket_bits;
  const RansTable* tables;
  // Per global symbol g (table t's symbol s is g = tables[t].symbol_base + s):
  // start | (freq - 1) << 16, which fits because start < 2^16 and freq <= 2^16.
  const uint32_t* symbol_info;
  // Per global symbol: s + value_offset, the decoded value of a directly coded symbol.
  const int32_t* symbol_value;
  // table_count << bucket_bits entries, each a global symbol index.
  const uint32_t* buckets;
};

struct RansTableSizes {
  uint32_t bucket_bits;
  size_t symbols;
  size_t buckets;
};

// Array sizes for `table_count` tables whose CDFs have `cdf_length` entries in all.
RansTableSizes rans_table_sizes(uint32_t table_count, size_t cdf_length, uint32_t precision);

// Fills the caller's arrays (sized by rans_table_sizes) and returns the set viewing them.
RansTableSet rans_tables_build(const uint32_t* cdf, const uint32_t* starts, const int32_t* value_offsets,
                               uint32_t table_count, uint32_t precision, const RansTableSizes& sizes,
                               RansTable* tables, uint32_t* symbol_info, int32_t* symbol_value,
                               uint32_t* buckets);

}  // namespace lico
