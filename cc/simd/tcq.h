// Picks TcqQuantize's SIMD path for 8-state trellises at compile time: AVX2, wasm simd128, or
// none (kTcqSimd false: the scalar path in cc/kernels/TcqQuantize.cc runs alone).
#pragma once

#if defined(__wasm_simd128__)
#include "tcq-wasm.h"
namespace lico {
namespace {
using TcqSimd = TcqSimdWasm;
constexpr bool kTcqSimd = true;
}
}  // namespace lico
#elif defined(__AVX2__)
#include "tcq-avx2.h"
namespace lico {
namespace {
using TcqSimd = TcqSimdAvx2;
constexpr bool kTcqSimd = true;
}
}  // namespace lico
#else
#include <stdint.h>

#include "../kernels/tcq-trellis.h"
namespace lico {
namespace {
// Never used: it only keeps the SIMD call sites compiling.
struct TcqSimd {
  static constexpr bool kCostsCandidates = false;
  uint32_t acs(const uint32_t*) { return 0; }
  void metrics(uint32_t*) const {}
};
constexpr bool kTcqSimd = false;
}
}  // namespace lico
#endif
