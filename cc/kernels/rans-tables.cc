#include "rans-tables.h"

namespace lico {

RansTableSizes rans_table_sizes(uint32_t table_count, size_t cdf_length, uint32_t precision) {
  uint32_t bits = precision < kMaxBucketBits ? precision : kMaxBucketBits;
  while (bits > 0 && (static_cast<uint64_t>(table_count) << bits) > kMaxBucketEntries) --bits;
  return {bits, cdf_length - table_count, static_cast<size_t>(table_count) << bits};
}

RansTableSet rans_tables_build(const uint32_t* cdf, const uint32_t* starts, const int32_t* value_offsets,
                               uint32_t table_count, uint32_t precision, const RansTableSizes& sizes,
                               RansTable* tables, uint32_t* symbol_info, int32_t* symbol_value,
                               uint32_t* buckets) {
  const uint32_t bucket_count = 1u << sizes.bucket_bits;
  const uint32_t bucket_shift = precision - sizes.bucket_bits;
  for (uint32_t t = 0; t < table_count; ++t) {
    const uint32_t* c = cdf + starts[t];
    const uint32_t symbols = starts[t + 1] - starts[t] - 1;
    const uint32_t base = starts[t] - t;
    tables[t] = {base, symbols - 1, value_offsets[t]};
    for (uint32_t s = 0; s < symbols; ++s) {
      symbol_info[base + s] = c[s] | (c[s + 1] - c[s] - 1) << 16;
      symbol_value[base + s] = static_cast<int32_t>(s + static_cast<uint32_t>(value_offsets[t]));
    }
    uint32_t s = 0;
    for (uint32_t b = 0; b < bucket_count; ++b) {
      const uint32_t slot = b << bucket_shift;
      while (c[s + 1] <= slot) ++s;
      buckets[(t << sizes.bucket_bits) + b] = base + s;
    }
  }
  return {precision, table_count, sizes.bucket_bits, tables, symbol_info, symbol_value, buckets};
}

}  // namespace lico
