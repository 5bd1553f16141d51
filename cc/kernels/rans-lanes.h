// Lane geometry shared by RansEncode and RansDecode: symbol i of n goes to lane i % N, so
// every lane has `rows` symbols and lanes below `tail` have one more, in row `rows`.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace lico {

struct LaneGrid {
  uint32_t lanes;
  uint32_t rows;
  uint32_t tail;

  LaneGrid(uint32_t n, uint32_t lane_count) : lanes(lane_count), rows(n / lane_count), tail(n % lane_count) {}

  uint32_t symbols(uint32_t lane) const { return rows + (lane < tail ? 1 : 0); }
};

// Lanes [begin, end) of one thread; boundaries are multiples of `width` so SIMD groups stay whole.
struct LaneRange {
  uint32_t begin;
  uint32_t end;
};

inline LaneRange lane_range(uint32_t lanes, uint32_t chunks, uint32_t chunk, uint32_t width) {
  uint32_t per = (lanes + chunks - 1) / chunks;
  per = (per + width - 1) / width * width;
  const uint32_t begin = chunk * per < lanes ? chunk * per : lanes;
  const uint32_t end = begin + per < lanes ? begin + per : lanes;
  return {begin, end};
}

// One bit per symbol; set bits are the escaped symbols. Threads share words (their lanes
// interleave in symbol order), hence the atomic OR; escapes are rare, so it costs little.
inline size_t escape_bitmap_words(uint32_t n) { return (static_cast<size_t>(n) + 63) / 64; }

inline void mark_escape(uint64_t* bitmap, uint32_t i) {
  __atomic_fetch_or(&bitmap[i >> 6], uint64_t{1} << (i & 63), __ATOMIC_RELAXED);
}

// Calls f(i) for each set bit, in increasing i.
template <typename F>
inline bool for_each_escape(const uint64_t* bitmap, uint32_t n, F f) {
  const size_t words = escape_bitmap_words(n);
  for (size_t w = 0; w < words; ++w) {
    for (uint64_t bits = bitmap[w]; bits != 0; bits &= bits - 1) {
      if (!f(static_cast<uint32_t>(w * 64 + static_cast<uint32_t>(__builtin_ctzll(bits))))) return false;
    }
  }
  return true;
}

// The first out-of-range table index, for the error message (the hot loops only flag one).
inline uint32_t first_bad_index(const int32_t* indexes, uint32_t n, uint32_t table_count) {
  for (uint32_t i = 0; i < n; ++i) {
    if (static_cast<uint32_t>(indexes[i]) >= table_count) return i;
  }
  return n;
}

}  // namespace lico
