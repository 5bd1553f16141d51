#include "binding-utils.h"

#include <omp.h>
#include <sys/mman.h>

#include <cstdlib>

#include <string>

#include "prepared-tables.h"

namespace lico::napi {

int thread_count() { return omp_get_max_threads(); }

// Below this many symbols, starting the other threads costs more than it saves.
constexpr uint32_t kSymbolsPerExtraThread = 1u << 15;

int threads_for(uint32_t symbols) {
  const int wanted = static_cast<int>(symbols / kSymbolsPerExtraThread) + 1;
  return wanted < thread_count() ? wanted : thread_count();
}

const char* simd_name() {
#if defined(__AVX2__)
  return "AVX2";
#else
  return "scalar";
#endif
}

uint32_t uint_argument(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsNumber()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a number");
  return info[i].As<Napi::Number>().Uint32Value();
}

const int32_t* optional_int32_array(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (info[i].IsUndefined() || info[i].IsNull()) return nullptr;
  return typed_array<Napi::Int32Array>(info, i, what).Data();
}

const RansTableSet& tables_argument(const Napi::CallbackInfo& info, size_t i) {
  if (!info[i].IsExternal()) throw Napi::TypeError::New(info.Env(), "tables must come from prepareRansTables");
  return info[i].As<Napi::External<PreparedTables>>().Data()->set;
}

Napi::Object result(Napi::Env env, const ErrorDetail& detail) {
  Napi::Object out = Napi::Object::New(env);
  out.Set("status", static_cast<int32_t>(detail.status));
  out.Set("a", detail.a);
  out.Set("b", detail.b);
  return out;
}

uint8_t* allocate_output(size_t bytes) {
  constexpr size_t kHugePage = size_t{2} << 20;
  if (bytes < kHugePage) return static_cast<uint8_t*>(std::malloc(bytes > 0 ? bytes : 1));
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p) madvise(p, rounded, MADV_HUGEPAGE);
  return static_cast<uint8_t*>(p);
}

Napi::ArrayBuffer adopt(Napi::Env env, uint8_t* data, size_t bytes) {
  return Napi::ArrayBuffer::New(env, data, bytes, [](Napi::Env, void* p) { std::free(p); });
}

}  // namespace lico::napi
