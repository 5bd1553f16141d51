// Gdn: generalized divisive normalization (and its inverse) of an NCHW batch, by the rule of
// packages/core/src/kernels/Gdn.ts: norm = beta + gamma · input² over channels, output =
// input / sqrt(norm) (or · sqrt(norm) when inverse). The channel mixing is a [C × C] matrix times
// the [C × columns] squares of a block of positions (oneDNN's sgemm), fused with the squares and
// the normalization so that each block stays in cache; blocks run on OpenMP threads.
#pragma once

#include <stdint.h>

#include "../status.h"

namespace lico {

struct GdnAttrs {
  uint32_t batch, channels, height, width;
  bool inverse;
};

// input, output, norm [batch, channels, height, width]; beta [channels]; gamma [channels, channels].
ErrorDetail gdn(const float* input, const float* beta, const float* gamma, const GdnAttrs& attrs, float* output,
                float* norm);

}  // namespace lico
