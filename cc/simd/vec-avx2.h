// Eight lanes per vector with AVX2 (x86-64-v3); table lookups are hardware gathers.
#pragma once

#include <immintrin.h>
#include <stdint.h>

namespace lico {
namespace {

struct VecAvx2 {
  using V = __m256i;
  using M = __m256i;
  static constexpr int kWidth = 8;
  // Vectors decoded together; more did not pay on Zen 4, where gathers are the limit.
  static constexpr int kUnroll = 4;
  static constexpr const char* kName = "AVX2";

  static V load(const int32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static V load(const uint32_t* p) { return _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p)); }
  static void store(int32_t* p, V v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  static void store(uint32_t* p, V v) { _mm256_storeu_si256(reinterpret_cast<__m256i*>(p), v); }
  static V splat(uint32_t v) { return _mm256_set1_epi32(static_cast<int32_t>(v)); }
  static V add(V a, V b) { return _mm256_add_epi32(a, b); }
  static V sub(V a, V b) { return _mm256_sub_epi32(a, b); }
  static V mul(V a, V b) { return _mm256_mullo_epi32(a, b); }
  static V and_(V a, V b) { return _mm256_and_si256(a, b); }
  static V or_(V a, V b) { return _mm256_or_si256(a, b); }
  template <int k> static V shl(V a) { return _mm256_slli_epi32(a, k); }
  template <int k> static V shr(V a) { return _mm256_srli_epi32(a, k); }
  static V shl(V a, uint32_t k) { return _mm256_sll_epi32(a, _mm_cvtsi32_si128(static_cast<int>(k))); }
  static V shr(V a, uint32_t k) { return _mm256_srl_epi32(a, _mm_cvtsi32_si128(static_cast<int>(k))); }
  static V min_u(V a, V b) { return _mm256_min_epu32(a, b); }
  static M lt(V a, V b) { return _mm256_cmpgt_epi32(b, a); }
  static M eq(V a, V b) { return _mm256_cmpeq_epi32(a, b); }
  static M or_m(M a, M b) { return _mm256_or_si256(a, b); }
  static M not_m(M a) { return _mm256_xor_si256(a, _mm256_set1_epi32(-1)); }
  static V select(M m, V yes, V no) { return _mm256_blendv_epi8(no, yes, m); }
  static V inc(V a, M m) { return _mm256_sub_epi32(a, m); }
  static bool any(M m) { return !_mm256_testz_si256(m, m); }
  static uint32_t bits(M m) { return static_cast<uint32_t>(_mm256_movemask_ps(_mm256_castsi256_ps(m))); }
  static V gather(const uint32_t* base, V index) {
    return _mm256_i32gather_epi32(reinterpret_cast<const int*>(base), index, 4);
  }
  static V gather(const int32_t* base, V index) { return _mm256_i32gather_epi32(base, index, 4); }
  static V gather_bytes(const uint8_t* base, V offset) {
    return _mm256_i32gather_epi32(reinterpret_cast<const int*>(base), offset, 1);
  }
};

}  // namespace
}  // namespace lico
