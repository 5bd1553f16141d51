// How many OpenMP threads an elementwise kernel over n values starts: one below a size where the
// others would cost more to wake than they save.
#pragma once

#include <omp.h>
#include <stdint.h>

namespace lico {

constexpr uint64_t kElementsPerExtraThread = 1u << 16;

inline int elementwise_threads(uint64_t n) {
  const uint64_t wanted = n / kElementsPerExtraThread + 1;
  const int most = omp_get_max_threads();
  return wanted < static_cast<uint64_t>(most) ? static_cast<int>(wanted) : most;
}

}  // namespace lico
