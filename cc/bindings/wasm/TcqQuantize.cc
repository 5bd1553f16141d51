// lico_TcqQuantize(latents, means, tableIndexes, n, costs, starts, offsets, tables, step, states,
//                  sequenceLength, bitCost, indexes, reconstruction, error) -> status.
// means may be 0; `error` receives the ErrorDetail; sequenceLength is at most n (TS clamps it).
#include "../../kernels/TcqQuantize.h"

#include "heap.h"

using namespace lico;

LICO_EXPORT(lico_TcqQuantize)
int32_t lico_TcqQuantize(const int32_t* latents, const int32_t* means, const int32_t* table_indexes, uint32_t n,
                         const uint32_t* costs, const uint32_t* starts, const int32_t* offsets, uint32_t tables,
                         uint32_t step, uint32_t states, uint32_t sequence_length, uint32_t bit_cost,
                         int32_t* indexes, int32_t* reconstruction, ErrorDetail* error) {
  *error = {};
  const size_t scratch_bytes = tcq_quantize_scratch_bytes(n, sequence_length, 1);
  void* scratch = wasm::allocate(scratch_bytes);
  if (!scratch) {
    *error = {Status::kOutOfMemory, static_cast<uint32_t>(scratch_bytes), 0};
    return static_cast<int32_t>(error->status);
  }
  const TcqRates rates{costs, starts, offsets, tables};
  const TcqQuantizeAttrs attrs{step, states, sequence_length, bit_cost};
  const Status status =
      tcq_quantize(latents, means, table_indexes, n, rates, attrs, indexes, reconstruction, scratch, 1, error);
  wasm::release(scratch);
  return static_cast<int32_t>(status);
}
