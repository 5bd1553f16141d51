// A small first-fit allocator over the wasm linear memory: there is no libc in this build.
// The heap starts at the linker's __heap_base and grows the memory when it runs out.
#pragma once

#include <stddef.h>
#include <stdint.h>

namespace lico::wasm {

// 16-byte aligned, or null when the memory cannot grow enough.
void* allocate(size_t bytes);
void release(void* p);

template <typename T>
T* allocate_array(size_t count) {
  return static_cast<T*>(allocate(count * sizeof(T)));
}

}  // namespace lico::wasm

#define LICO_EXPORT(name) extern "C" __attribute__((export_name(#name)))
