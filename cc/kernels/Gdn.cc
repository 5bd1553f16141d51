#include "Gdn.h"

#include <omp.h>

#include <cstdlib>
#include <oneapi/dnnl/dnnl.h>

#include "gdn-blocks.h"

namespace lico {

ErrorDetail gdn(const float* input, const float* beta, const float* gamma, const GdnAttrs& a, float* output,
                float* norm) {
  const GdnBlocks blocks(a);
  const int64_t C = a.channels;
  int failed = 0;
  bool out_of_memory = false;
#pragma omp parallel num_threads(blocks.threads)
  {
    // Per thread: a block's squares, and gamma · squares (the norm before beta) in a dense
    // block: written straight into the tensor, rows `plane` apart, the sgemm ran several
    // times slower (power-of-two strides alias in the caches).
    float* squares = static_cast<float*>(std::aligned_alloc(64, blocks.block_bytes()));
    float* mixed = static_cast<float*>(std::aligned_alloc(64, blocks.block_bytes()));
    if (!squares || !mixed) {
#pragma omp atomic write
      out_of_memory = true;
    }
#pragma omp for schedule(dynamic, 1)
    for (int64_t b = 0; b < blocks.count; ++b) {
      if (!squares || !mixed) continue;
      const GdnBlock block = blocks.block(b);
      for (int64_t c = 0; c < C; ++c) {
        const float* x = input + block.offset + c * blocks.plane;
        float* sq = squares + c * kGdnBlockColumns;
#pragma omp simd
        for (int64_t j = 0; j < block.columns; ++j) sq[j] = x[j] * x[j];
      }
      const dnnl_status_t status = dnnl_sgemm('N', 'N', C, block.columns, C, 1.0f, gamma, C, squares,
                                              kGdnBlockColumns, 0.0f, mixed, kGdnBlockColumns);
      if (status != dnnl_success) {
#pragma omp atomic write
        failed = static_cast<int>(status);
      }
      for (int64_t c = 0; c < C; ++c) {
        const int64_t at = block.offset + c * blocks.plane;
        const float* x = input + at;
        const float* m = mixed + c * kGdnBlockColumns;
        float* nv = norm + at;
        float* y = output + at;
        const float bc = beta[c];
        float r[kGdnBlockColumns];
#pragma omp simd
        for (int64_t j = 0; j < block.columns; ++j) nv[j] = m[j] + bc;
        inverse_sqrt(nv, r, block.columns);
        if (a.inverse) {
#pragma omp simd
          for (int64_t j = 0; j < block.columns; ++j) y[j] = x[j] * nv[j] * r[j];
        } else {
#pragma omp simd
          for (int64_t j = 0; j < block.columns; ++j) y[j] = x[j] * r[j];
        }
      }
    }
    std::free(squares);
    std::free(mixed);
  }
  if (out_of_memory) return {Status::kOutOfMemory, static_cast<uint32_t>(blocks.block_bytes()), 0};
  if (failed) return {Status::kLibraryFailure, static_cast<uint32_t>(failed), 0};
  return {};
}

}  // namespace lico
