#include "prepared-tables.h"

#include "binding-utils.h"

namespace lico::napi {

Napi::Value PrepareRansTables(const Napi::CallbackInfo& info) {
  const auto cdf = typed_array<Napi::Uint32Array>(info, 0, "cdf");
  const auto starts = typed_array<Napi::Uint32Array>(info, 1, "starts");
  const auto offsets = typed_array<Napi::Int32Array>(info, 2, "valueOffsets");
  const uint32_t precision = uint_argument(info, 3, "precision");
  const uint32_t count = static_cast<uint32_t>(starts.ElementLength() - 1);
  const RansTableSizes sizes = rans_table_sizes(count, cdf.ElementLength(), precision);
  auto* prepared = new PreparedTables;
  prepared->tables.resize(count);
  prepared->symbol_info.resize(sizes.symbols);
  prepared->symbol_value.resize(sizes.symbols);
  prepared->buckets.resize(sizes.buckets);
  prepared->set = rans_tables_build(cdf.Data(), starts.Data(), offsets.Data(), count, precision, sizes,
                                    prepared->tables.data(), prepared->symbol_info.data(),
                                    prepared->symbol_value.data(), prepared->buckets.data());
  const size_t bytes = sizes.symbols * 8 + sizes.buckets * 4 + count * sizeof(RansTable);
  Napi::MemoryManagement::AdjustExternalMemory(info.Env(), static_cast<int64_t>(bytes));
  return Napi::External<PreparedTables>::New(info.Env(), prepared, [bytes](Napi::Env env, PreparedTables* p) {
    Napi::MemoryManagement::AdjustExternalMemory(env, -static_cast<int64_t>(bytes));
    delete p;
  });
}

}  // namespace lico::napi
