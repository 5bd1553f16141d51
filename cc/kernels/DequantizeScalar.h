// DequantizeScalar: indexes[i]·step + means[i] (means may be null), wrapping like int32 as the
// js reference's Int32Array stores do (packages/core/src/kernels/DequantizeScalar.ts).
#pragma once

#include <stdint.h>

namespace lico {

void dequantize_scalar(const int32_t* indexes, const int32_t* means, uint32_t n, uint32_t step, int32_t* out);

}  // namespace lico
