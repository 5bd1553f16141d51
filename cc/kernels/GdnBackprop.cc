#include "GdnBackprop.h"

#include <omp.h>

#include <cstdlib>
#include <oneapi/dnnl/dnnl.h>
#include <vector>

#include "gdn-blocks.h"

namespace lico {

ErrorDetail gdn_backprop(const float* input, const float* norm, const float* output_grad, const float* gamma,
                         const GdnAttrs& a, float* input_grad, float* beta_grad, float* gamma_grad) {
  const GdnBlocks blocks(a);
  const int64_t C = a.channels;
  // Per-thread sums, zero for threads that get no block.
  std::vector<std::vector<double>> beta_sums(blocks.threads, std::vector<double>(C, 0.0));
  std::vector<std::vector<double>> gamma_sums(blocks.threads, std::vector<double>(C * C, 0.0));
  int failed = 0;
  bool out_of_memory = false;
#pragma omp parallel num_threads(blocks.threads)
  {
    // Per thread: the squares, q and gammaᵀ·q of a block, and the gradient sums of its blocks.
    float* squares = static_cast<float*>(std::aligned_alloc(64, blocks.block_bytes()));
    float* q = static_cast<float*>(std::aligned_alloc(64, blocks.block_bytes()));
    float* t = static_cast<float*>(std::aligned_alloc(64, blocks.block_bytes()));
    std::vector<float> gamma_block(C * C, 0.0f);
    std::vector<double>& beta_sum = beta_sums[omp_get_thread_num()];
    if (!squares || !q || !t) {
#pragma omp atomic write
      out_of_memory = true;
    }
#pragma omp for schedule(dynamic, 1)
    for (int64_t b = 0; b < blocks.count; ++b) {
      if (!squares || !q || !t) continue;
      const GdnBlock block = blocks.block(b);
      for (int64_t c = 0; c < C; ++c) {
        const int64_t at = block.offset + c * blocks.plane;
        const float* x = input + at;
        const float* nv = norm + at;
        const float* g = output_grad + at;
        float* dx = input_grad + at;
        float* sq = squares + c * kGdnBlockColumns;
        float* qc = q + c * kGdnBlockColumns;
        float partial = 0;
        float r[kGdnBlockColumns];
        inverse_sqrt(nv, r, block.columns);
        // With r = norm^−½: GDN y = x·r gives dx = g·r and q = −½·g·x·r³; IGDN y = x·norm·r
        // gives dx = g·norm·r and q = ½·g·x·r.
        if (a.inverse) {
#pragma omp simd reduction(+ : partial)
          for (int64_t j = 0; j < block.columns; ++j) {
            sq[j] = x[j] * x[j];
            qc[j] = 0.5f * g[j] * x[j] * r[j];
            dx[j] = g[j] * nv[j] * r[j];
            partial += qc[j];
          }
        } else {
#pragma omp simd reduction(+ : partial)
          for (int64_t j = 0; j < block.columns; ++j) {
            sq[j] = x[j] * x[j];
            qc[j] = -0.5f * g[j] * x[j] * r[j] * r[j] * r[j];
            dx[j] = g[j] * r[j];
            partial += qc[j];
          }
        }
        beta_sum[c] += partial;
      }
      dnnl_status_t status = dnnl_sgemm('T', 'N', C, block.columns, C, 1.0f, gamma, C, q, kGdnBlockColumns, 0.0f,
                                        t, kGdnBlockColumns);
      if (status == dnnl_success)
        status = dnnl_sgemm('N', 'T', C, C, block.columns, 1.0f, q, kGdnBlockColumns, squares, kGdnBlockColumns,
                            1.0f, gamma_block.data(), C);
      if (status != dnnl_success) {
#pragma omp atomic write
        failed = static_cast<int>(status);
      }
      for (int64_t c = 0; c < C; ++c) {
        const int64_t at = block.offset + c * blocks.plane;
        const float* x = input + at;
        const float* tc = t + c * kGdnBlockColumns;
        float* dx = input_grad + at;
#pragma omp simd
        for (int64_t j = 0; j < block.columns; ++j) dx[j] += 2.0f * x[j] * tc[j];
      }
    }
    std::vector<double>& gamma_sum = gamma_sums[omp_get_thread_num()];
    for (int64_t k = 0; k < C * C; ++k) gamma_sum[k] = gamma_block[k];
    std::free(squares);
    std::free(q);
    std::free(t);
  }
  if (out_of_memory) return {Status::kOutOfMemory, static_cast<uint32_t>(blocks.block_bytes()), 0};
  if (failed) return {Status::kLibraryFailure, static_cast<uint32_t>(failed), 0};
  for (int64_t c = 0; c < C; ++c) {
    double sum = 0;
    for (const auto& s : beta_sums) sum += s[c];
    beta_grad[c] = static_cast<float>(sum);
  }
  for (int64_t k = 0; k < C * C; ++k) {
    double sum = 0;
    for (const auto& s : gamma_sums) sum += s[k];
    gamma_grad[k] = static_cast<float>(sum);
  }
  return {};
}

}  // namespace lico
