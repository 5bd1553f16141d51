#include "PmfToQuantizedCdf.h"

namespace lico {
namespace {

// Max-heap of symbol indexes by (remainder, then lower index first): popping `units` times
// hands the leftover units out in the contract's order without sorting every symbol.
class RemainderHeap {
 public:
  RemainderHeap(const uint64_t* remainders, uint32_t* heap, uint32_t size)
      : remainders_(remainders), heap_(heap), size_(size) {
    for (uint32_t i = 0; i < size; ++i) heap_[i] = i;
    for (uint32_t i = size / 2; i-- > 0;) sift_down(i);
  }

  uint32_t pop() {
    const uint32_t top = heap_[0];
    heap_[0] = heap_[--size_];
    sift_down(0);
    return top;
  }

 private:
  bool before(uint32_t a, uint32_t b) const {
    return remainders_[a] > remainders_[b] || (remainders_[a] == remainders_[b] && a < b);
  }

  void sift_down(uint32_t i) {
    for (;;) {
      uint32_t best = i;
      const uint32_t left = 2 * i + 1;
      const uint32_t right = left + 1;
      if (left < size_ && before(heap_[left], heap_[best])) best = left;
      if (right < size_ && before(heap_[right], heap_[best])) best = right;
      if (best == i) return;
      const uint32_t swap = heap_[i];
      heap_[i] = heap_[best];
      heap_[best] = swap;
      i = best;
    }
  }

  const uint64_t* remainders_;
  uint32_t* heap_;
  uint32_t size_;
};

void quantize_table(const uint32_t* weights, uint32_t n, uint32_t precision, uint32_t* cdf, uint64_t* remainders,
                    uint32_t* heap) {
  const uint64_t free_units = (uint64_t{1} << precision) - n;
  uint64_t total = 0;
  for (uint32_t i = 0; i < n; ++i) total += weights[i];
  const bool uniform = total == 0;
  if (uniform) total = n;
  uint64_t assigned = 0;
  // freq[i] is kept in cdf[i + 1] until the prefix sum.
  for (uint32_t i = 0; i < n; ++i) {
    const uint64_t product = (uniform ? 1 : weights[i]) * free_units;
    const uint64_t q = product / total;
    remainders[i] = product % total;
    cdf[i + 1] = static_cast<uint32_t>(1 + q);
    assigned += q;
  }
  RemainderHeap order(remainders, heap, n);
  for (uint64_t k = assigned; k < free_units; ++k) cdf[order.pop() + 1] += 1;
  cdf[0] = 0;
  for (uint32_t i = 0; i < n; ++i) cdf[i + 1] += cdf[i];
}

}  // namespace

size_t pmf_to_quantized_cdf_scratch_bytes(uint32_t max_symbols) {
  return static_cast<size_t>(max_symbols) * (sizeof(uint64_t) + sizeof(uint32_t));
}

void pmf_to_quantized_cdf(const uint32_t* pmf, const uint32_t* starts, uint32_t table_count, uint32_t precision,
                          uint32_t* cdf, void* scratch) {
  uint32_t max_symbols = 0;
  for (uint32_t t = 0; t < table_count; ++t) {
    const uint32_t n = starts[t + 1] - starts[t];
    if (n > max_symbols) max_symbols = n;
  }
  uint64_t* remainders = static_cast<uint64_t*>(scratch);
  uint32_t* heap = reinterpret_cast<uint32_t*>(remainders + max_symbols);
  for (uint32_t t = 0; t < table_count; ++t) {
    quantize_table(pmf + starts[t], starts[t + 1] - starts[t], precision, cdf + starts[t] + t, remainders, heap);
  }
}

}  // namespace lico
