// lico_PmfToQuantizedCdf(pmf, starts, tableCount, precision, cdf) -> status (kOutOfMemory when
// the scratch cannot be had).
#include "../../kernels/PmfToQuantizedCdf.h"

#include "../../status.h"
#include "heap.h"

using namespace lico;

LICO_EXPORT(lico_PmfToQuantizedCdf)
int32_t lico_PmfToQuantizedCdf(const uint32_t* pmf, const uint32_t* starts, uint32_t count, uint32_t precision,
                               uint32_t* cdf) {
  uint32_t max_symbols = 0;
  for (uint32_t t = 0; t < count; ++t) {
    if (starts[t + 1] - starts[t] > max_symbols) max_symbols = starts[t + 1] - starts[t];
  }
  void* scratch = wasm::allocate(pmf_to_quantized_cdf_scratch_bytes(max_symbols));
  if (!scratch) return static_cast<int32_t>(Status::kOutOfMemory);
  pmf_to_quantized_cdf(pmf, starts, count, precision, cdf, scratch);
  wasm::release(scratch);
  return static_cast<int32_t>(Status::kOk);
}
