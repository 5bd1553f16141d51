// One lane per "vector": the reference path, and the one that codes lanes left over after
// the SIMD groups. Masks are 0 or all ones, as in the SIMD paths.
#pragma once

#include <stdint.h>

namespace lico {
namespace {

struct VecScalar {
  using V = uint32_t;
  using M = uint32_t;
  static constexpr int kWidth = 1;
  // Lanes decoded together: independent lanes hide the latency of each lookup.
  static constexpr int kUnroll = 16;
  static constexpr const char* kName = "scalar";

  static V load(const int32_t* p) { return static_cast<uint32_t>(*p); }
  static V load(const uint32_t* p) { return *p; }
  static void store(int32_t* p, V v) { *p = static_cast<int32_t>(v); }
  static void store(uint32_t* p, V v) { *p = v; }
  static V splat(uint32_t v) { return v; }
  static V add(V a, V b) { return a + b; }
  static V sub(V a, V b) { return a - b; }
  static V mul(V a, V b) { return a * b; }
  static V and_(V a, V b) { return a & b; }
  static V or_(V a, V b) { return a | b; }
  template <int k> static V shl(V a) { return a << k; }
  template <int k> static V shr(V a) { return a >> k; }
  static V shl(V a, uint32_t k) { return a << k; }
  static V shr(V a, uint32_t k) { return a >> k; }
  static V min_u(V a, V b) { return a < b ? a : b; }
  // Signed comparisons: every operand here is below 2^31.
  static M lt(V a, V b) { return static_cast<int32_t>(a) < static_cast<int32_t>(b) ? ~0u : 0u; }
  static M eq(V a, V b) { return a == b ? ~0u : 0u; }
  static M or_m(M a, M b) { return a | b; }
  static M not_m(M a) { return ~a; }
  static V select(M m, V yes, V no) { return m ? yes : no; }
  // a + 1 in the lanes of m.
  static V inc(V a, M m) { return a - m; }
  static bool any(M m) { return m != 0; }
  static uint32_t bits(M m) { return m & 1; }
  static V gather(const uint32_t* base, V index) { return base[index]; }
  static V gather(const int32_t* base, V index) { return static_cast<uint32_t>(base[index]); }
  // 4 bytes at base + offset, little-endian.
  static V gather_bytes(const uint8_t* base, V offset) {
    const uint8_t* p = base + offset;
    return p[0] | p[1] << 8 | p[2] << 16 | static_cast<uint32_t>(p[3]) << 24;
  }
};

}  // namespace
}  // namespace lico
