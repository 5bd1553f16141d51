// Four lanes per vector with wasm simd128. WebAssembly has no gather, so lookups extract each
// lane, load it as a scalar and rebuild the vector; the arithmetic runs four lanes at once.
#pragma once

#include <stdint.h>
#include <wasm_simd128.h>

namespace lico {
namespace {

struct VecWasm {
  using V = v128_t;
  using M = v128_t;
  static constexpr int kWidth = 4;
  // Vectors decoded together: with scalar lookups the chain of dependent loads per lane is
  // the limit, and only many independent lanes hide it (16 doubled the speed of 4).
  static constexpr int kUnroll = 16;
  static constexpr const char* kName = "simd128";

  static V load(const int32_t* p) { return wasm_v128_load(p); }
  static V load(const uint32_t* p) { return wasm_v128_load(p); }
  static void store(int32_t* p, V v) { wasm_v128_store(p, v); }
  static void store(uint32_t* p, V v) { wasm_v128_store(p, v); }
  static V splat(uint32_t v) { return wasm_u32x4_splat(v); }
  static V add(V a, V b) { return wasm_i32x4_add(a, b); }
  static V sub(V a, V b) { return wasm_i32x4_sub(a, b); }
  static V mul(V a, V b) { return wasm_i32x4_mul(a, b); }
  static V and_(V a, V b) { return wasm_v128_and(a, b); }
  static V or_(V a, V b) { return wasm_v128_or(a, b); }
  template <int k> static V shl(V a) { return wasm_i32x4_shl(a, k); }
  template <int k> static V shr(V a) { return wasm_u32x4_shr(a, k); }
  static V shl(V a, uint32_t k) { return wasm_i32x4_shl(a, k); }
  static V shr(V a, uint32_t k) { return wasm_u32x4_shr(a, k); }
  static V min_u(V a, V b) { return wasm_u32x4_min(a, b); }
  static M lt(V a, V b) { return wasm_i32x4_lt(a, b); }
  static M eq(V a, V b) { return wasm_i32x4_eq(a, b); }
  static M or_m(M a, M b) { return wasm_v128_or(a, b); }
  static M not_m(M a) { return wasm_v128_not(a); }
  static V select(M m, V yes, V no) { return wasm_v128_bitselect(yes, no, m); }
  static V inc(V a, M m) { return wasm_i32x4_sub(a, m); }
  static bool any(M m) { return wasm_v128_any_true(m); }
  static uint32_t bits(M m) { return wasm_i32x4_bitmask(m); }
  template <typename T>
  static V gather(const T* base, V index) {
    return wasm_u32x4_make(static_cast<uint32_t>(base[wasm_u32x4_extract_lane(index, 0)]),
                           static_cast<uint32_t>(base[wasm_u32x4_extract_lane(index, 1)]),
                           static_cast<uint32_t>(base[wasm_u32x4_extract_lane(index, 2)]),
                           static_cast<uint32_t>(base[wasm_u32x4_extract_lane(index, 3)]));
  }
  static V gather_bytes(const uint8_t* base, V offset) {
    return wasm_u32x4_make(word(base + wasm_u32x4_extract_lane(offset, 0)),
                           word(base + wasm_u32x4_extract_lane(offset, 1)),
                           word(base + wasm_u32x4_extract_lane(offset, 2)),
                           word(base + wasm_u32x4_extract_lane(offset, 3)));
  }

 private:
  static uint32_t word(const uint8_t* p) {
    uint32_t w;
    __builtin_memcpy(&w, p, 4);
    return w;
  }
};

}  // namespace
}  // namespace lico
