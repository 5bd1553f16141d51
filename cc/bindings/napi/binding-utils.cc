#include "binding-utils.h"

#include <omp.h>
#include <sys/mman.h>

#include <cstdlib>
#include <mutex>
#include <string>
#include <unordered_map>
#include <vector>

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

namespace {

// Outputs of 64 KiB and more go back to a pool when they are recycled or V8 frees them, up to
// 4 GiB in all, and the next output of the same size reuses one: a training step allocates the
// same sizes every time, and fresh memory costs page faults and zeroed pages (measured as a
// quarter of a step's time, and most of an elementwise kernel's).
constexpr size_t kPooledFrom = size_t{64} << 10;
constexpr size_t kPoolCapacity = size_t{4} << 30;

// What an adopted output's ArrayBuffer carries to its finalizer: its size, and whether
// RecycleOutput already gave its memory back (then the finalizer must not).
struct OutputHint {
  size_t bytes;
  bool recycled;
};

struct OutputPool {
  std::mutex mutex;
  std::unordered_map<size_t, std::vector<void*>> free;
  size_t bytes = 0;
  // Adopted outputs still owned by their ArrayBuffer, by address.
  std::unordered_map<void*, OutputHint*> live;
};

OutputPool& pool() {
  static OutputPool* instance = new OutputPool();  // never destroyed: V8 may free buffers at exit
  return *instance;
}

void* fresh_output(size_t bytes) {
  constexpr size_t kHugePage = size_t{2} << 20;
  if (bytes < kHugePage) return std::malloc(bytes > 0 ? bytes : 1);
  const size_t rounded = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, rounded);
  if (p) madvise(p, rounded, MADV_HUGEPAGE);
  return p;
}

// Called with the pool's mutex held.
void release_output_locked(OutputPool& p, void* data, size_t bytes) {
  if (bytes >= kPooledFrom && p.bytes + bytes <= kPoolCapacity) {
    p.free[bytes].push_back(data);
    p.bytes += bytes;
    return;
  }
  std::free(data);
}

}  // namespace

uint8_t* allocate_output(size_t bytes) {
  if (bytes >= kPooledFrom) {
    OutputPool& p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    auto it = p.free.find(bytes);
    if (it != p.free.end() && !it->second.empty()) {
      void* data = it->second.back();
      it->second.pop_back();
      p.bytes -= bytes;
      return static_cast<uint8_t*>(data);
    }
  }
  return static_cast<uint8_t*>(fresh_output(bytes));
}

Napi::ArrayBuffer adopt(Napi::Env env, uint8_t* data, size_t bytes) {
  auto* hint = new OutputHint{bytes, false};
  {
    OutputPool& p = pool();
    std::lock_guard<std::mutex> lock(p.mutex);
    p.live[data] = hint;
  }
  // Node runs this finalizer from its event loop, some time after V8 collected the buffer.
  return Napi::ArrayBuffer::New(
      env, data, bytes,
      [](Napi::Env, void* data, OutputHint* hint) {
        OutputPool& p = pool();
        std::lock_guard<std::mutex> lock(p.mutex);
        if (!hint->recycled) {
          auto it = p.live.find(data);
          if (it != p.live.end() && it->second == hint) p.live.erase(it);
          release_output_locked(p, data, hint->bytes);
        }
        delete hint;
      },
      hint);
}

Napi::Value RecycleOutput(const Napi::CallbackInfo& info) {
  Napi::Env env = info.Env();
  if (!info[0].IsTypedArray()) return Napi::Boolean::New(env, false);
  Napi::TypedArray array = info[0].As<Napi::TypedArray>();
  Napi::ArrayBuffer buffer = array.ArrayBuffer();
  if (buffer.IsDetached() || array.ByteOffset() != 0 || array.ByteLength() != buffer.ByteLength())
    return Napi::Boolean::New(env, false);
  void* data = buffer.Data();
  OutputPool& p = pool();
  OutputHint* hint;
  {
    std::lock_guard<std::mutex> lock(p.mutex);
    auto it = p.live.find(data);
    if (it == p.live.end()) return Napi::Boolean::New(env, false);
    hint = it->second;
    hint->recycled = true;
    p.live.erase(it);
  }
  // Detached first, so that no script can read the memory once another output reuses it.
  buffer.Detach();
  std::lock_guard<std::mutex> lock(p.mutex);
  release_output_locked(p, data, hint->bytes);
  return Napi::Boolean::New(env, true);
}

}  // namespace lico::napi
