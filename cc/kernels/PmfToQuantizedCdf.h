// PmfToQuantizedCdf: integer weights to CDF tables summing to 2^precision, by the exact rule
// of packages/core/src/kernels/PmfToQuantizedCdf.ts (largest remainders, ties to the lower
// index). Inputs were checked by the caller (@lico/core's checkPmfToQuantizedCdfInputs).
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace lico {

// Scratch bytes for tables of up to `max_symbols` symbols (8-byte aligned).
size_t pmf_to_quantized_cdf_scratch_bytes(uint32_t max_symbols);

// Table t's weights are pmf[starts[t]] … pmf[starts[t + 1] - 1]; its n + 1 CDF entries go to
// cdf[starts[t] + t] onwards.
void pmf_to_quantized_cdf(const uint32_t* pmf, const uint32_t* starts, uint32_t table_count, uint32_t precision,
                          uint32_t* cdf, void* scratch);

}  // namespace lico
