// QuantizeScalar: uniform and dead-zone scalar quantization in fixed point, by the exact rule of
// packages/core/src/kernels/QuantizeScalar.ts. Inputs were checked by the caller (@lico/core's
// checkScalarQuantizeInputs): values and means within ±(2^28 − 1), 1 ≤ step ≤ 2^20,
// 0 ≤ rounding < step, so every intermediate fits in 32 bits.
#pragma once

#include <stdint.h>

namespace lico {

// k = sign(v)·floor((|v| + rounding) / step) for v = latents[i] − means[i] (means may be null),
// and its reconstruction k·step + means[i].
void quantize_scalar(const int32_t* latents, const int32_t* means, uint32_t n, uint32_t step, uint32_t rounding,
                     int32_t* indexes, int32_t* reconstruction);

}  // namespace lico
