// CDF tables rearranged for coding (cc/kernels/rans-tables.h), owned by a JS External that
// the TS side caches per CdfTables object.
#pragma once

#include <napi.h>

#include <vector>

#include "../../kernels/rans-tables.h"

namespace lico::napi {

struct PreparedTables {
  std::vector<RansTable> tables;
  std::vector<uint32_t> symbol_info;
  std::vector<int32_t> symbol_value;
  std::vector<uint32_t> buckets;
  RansTableSet set;
};

// prepareRansTables(cdf: Uint32Array, starts: Uint32Array, valueOffsets: Int32Array, precision)
Napi::Value PrepareRansTables(const Napi::CallbackInfo& info);

}  // namespace lico::napi
