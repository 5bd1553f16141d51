// How Gdn and GdnBackprop cut an NCHW batch into blocks of positions: kGdnBlockColumns
// consecutive positions of one image, all channels (a [channels × columns] matrix whose rows are
// `plane` apart in the tensor).
#pragma once

#include <omp.h>
#include <stdint.h>

#include <cmath>

#include "Gdn.h"

#if defined(__AVX2__)
#include <immintrin.h>
#endif

namespace lico {

// 256 positions of 128 channels: three such float blocks stay in a core's L2 cache.
constexpr int64_t kGdnBlockColumns = 256;

struct GdnBlock {
  int64_t offset;   // of the block's channel-0 value in the tensor
  int64_t columns;  // positions in the block, at most kGdnBlockColumns
};

struct GdnBlocks {
  int64_t plane, per_image, count, channels;
  int threads;
  explicit GdnBlocks(const GdnAttrs& a)
      : plane(static_cast<int64_t>(a.height) * a.width),
        per_image((plane + kGdnBlockColumns - 1) / kGdnBlockColumns),
        count(per_image * a.batch),
        channels(a.channels) {
    const int most = omp_get_max_threads();
    threads = count < most ? static_cast<int>(count) : most;
  }
  GdnBlock block(int64_t b) const {
    const int64_t n = b / per_image, first = (b % per_image) * kGdnBlockColumns;
    const int64_t columns = plane - first < kGdnBlockColumns ? plane - first : kGdnBlockColumns;
    return {n * channels * plane + first, columns};
  }
  size_t block_bytes() const {
    return static_cast<size_t>((channels * kGdnBlockColumns * sizeof(float) + 63) / 64 * 64);
  }
};

// r[j] = 1/sqrt(n[j]) to float32 accuracy: the hardware estimate refined by one Newton step
// (r·(3/2 − n·r²/2), a few ulps from the exact value), several times faster than a square root
// and a division. n > 0 (beta is positive).
inline void inverse_sqrt(const float* n, float* r, int64_t count) {
  int64_t j = 0;
#if defined(__AVX2__)
  const __m256 half = _mm256_set1_ps(0.5f), three_halves = _mm256_set1_ps(1.5f);
  for (; j + 8 <= count; j += 8) {
    const __m256 v = _mm256_loadu_ps(n + j);
    const __m256 e = _mm256_rsqrt_ps(v);
    const __m256 t = _mm256_mul_ps(_mm256_mul_ps(half, v), _mm256_mul_ps(e, e));
    _mm256_storeu_ps(r + j, _mm256_mul_ps(e, _mm256_sub_ps(three_halves, t)));
  }
#endif
  for (; j < count; ++j) r[j] = 1.0f / std::sqrt(n[j]);
}

}  // namespace lico
