// Helpers every N-API entry point shares: argument unwrapping and the result objects that
// carry a kernel's Status to TypeScript, which maps it to a LicoError (src/cc-status.ts).
#pragma once

#include <napi.h>

#include <cstdint>

#include "../../kernels/rans-tables.h"
#include "../../status.h"

namespace lico::napi {

// Kernels split work across this many threads; small inputs stay on one.
int thread_count();
int threads_for(uint32_t symbols);

// The SIMD path the kernels were built for.
const char* simd_name();

template <typename Array>
Array typed_array(const Napi::CallbackInfo& info, size_t i, const char* what) {
  if (!info[i].IsTypedArray()) throw Napi::TypeError::New(info.Env(), std::string(what) + " must be a typed array");
  return info[i].As<Array>();
}

// An optional Int32Array argument's data, or null when it is undefined or null.
const int32_t* optional_int32_array(const Napi::CallbackInfo& info, size_t i, const char* what);

uint32_t uint_argument(const Napi::CallbackInfo& info, size_t i, const char* what);

// A prepared table set, made by prepareRansTables.
const RansTableSet& tables_argument(const Napi::CallbackInfo& info, size_t i);

// { status, a, b } for a failure, to which a success adds its outputs.
Napi::Object result(Napi::Env env, const ErrorDetail& detail);

// Memory for a large output the kernel fills, uninitialized, perhaps reused from a pool that
// adopt() returns it to when V8 frees it (pass it to adopt(), or free() it). Backed by
// 2 MiB pages where the kernel allows: a fresh 40 MB output otherwise takes 10,000 page
// faults while the threads write it, which measured as a third of a decode's time.
uint8_t* allocate_output(size_t bytes);

// An ArrayBuffer that takes ownership of `data` (from allocate_output) without zero-filling.
Napi::ArrayBuffer adopt(Napi::Env env, uint8_t* data, size_t bytes);

// recycleOutput(array: TypedArray) -> boolean: when `array` is a whole output made by adopt()
// and still attached, detaches it and gives its memory to the next output of its size at once
// (instead of after V8 collects it and Node's event loop runs the finalizer). False otherwise.
Napi::Value RecycleOutput(const Napi::CallbackInfo& info);

}  // namespace lico::napi
