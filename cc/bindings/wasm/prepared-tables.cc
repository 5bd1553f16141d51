// lico_PrepareRansTables(cdf, starts, valueOffsets, tableCount, cdfLength, precision) -> handle
// The handle is one heap block: the RansTableSet followed by the arrays it views. Free it with
// lico_free. Null when the memory cannot grow enough.
#include "../../kernels/rans-tables.h"
#include "heap.h"

using namespace lico;

LICO_EXPORT(lico_PrepareRansTables)
RansTableSet* lico_PrepareRansTables(const uint32_t* cdf, const uint32_t* starts, const int32_t* offsets,
                                     uint32_t count, uint32_t cdf_length, uint32_t precision) {
  const RansTableSizes sizes = rans_table_sizes(count, cdf_length, precision);
  const size_t bytes = sizeof(RansTableSet) + count * sizeof(RansTable) + sizes.symbols * 8 + sizes.buckets * 4;
  uint8_t* block = static_cast<uint8_t*>(wasm::allocate(bytes));
  if (!block) return nullptr;
  auto* set = reinterpret_cast<RansTableSet*>(block);
  auto* tables = reinterpret_cast<RansTable*>(set + 1);
  auto* info = reinterpret_cast<uint32_t*>(tables + count);
  auto* value = reinterpret_cast<int32_t*>(info + sizes.symbols);
  auto* buckets = reinterpret_cast<uint32_t*>(value + sizes.symbols);
  *set = rans_tables_build(cdf, starts, offsets, count, precision, sizes, tables, info, value, buckets);
  return set;
}
