// Picks the SIMD path at compile time: wasm simd128, x86 AVX2, or none. VecScalar is always
// there too: it is the reference and codes the lanes left over after the SIMD groups.
#pragma once

#include "vec-scalar.h"

#if defined(__wasm_simd128__)
#include "vec-wasm.h"
namespace lico {
namespace {
using VecBest = VecWasm;
}
}  // namespace lico
#elif defined(__AVX2__)
#include "vec-avx2.h"
namespace lico {
namespace {
using VecBest = VecAvx2;
}
}  // namespace lico
#else
namespace lico {
namespace {
using VecBest = VecScalar;
}
}  // namespace lico
#endif
