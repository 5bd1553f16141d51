#include "heap.h"

extern "C" unsigned char __heap_base;

namespace lico::wasm {
namespace {

constexpr size_t kPage = 65536;
constexpr size_t kAlign = 16;

// Blocks lie back to back from the heap's start to `top`; each begins with this header.
struct alignas(kAlign) Block {
  size_t size;  // including the header
  size_t used;
};

uintptr_t heap_start() { return (reinterpret_cast<uintptr_t>(&__heap_base) + kAlign - 1) & ~(kAlign - 1); }
uintptr_t top = 0;

Block* at(uintptr_t address) { return reinterpret_cast<Block*>(address); }

bool grow_to(uintptr_t end) {
  const size_t have = __builtin_wasm_memory_size(0) * kPage;
  if (end <= have) return true;
  const size_t pages = (end - have + kPage - 1) / kPage;
  return __builtin_wasm_memory_grow(0, pages) != static_cast<size_t>(-1);
}

}  // namespace

void* allocate(size_t bytes) {
  if (top == 0) top = heap_start();
  if (bytes > SIZE_MAX / 2) return nullptr;
  const size_t need = sizeof(Block) + (bytes + kAlign - 1) / kAlign * kAlign;
  for (uintptr_t a = heap_start(); a < top; a += at(a)->size) {
    Block* block = at(a);
    if (block->used) continue;
    // Free neighbours merge here, lazily, rather than on release.
    while (a + block->size < top && !at(a + block->size)->used) block->size += at(a + block->size)->size;
    if (block->size < need) continue;
    if (block->size - need >= 2 * sizeof(Block)) {
      Block* rest = at(a + need);
      rest->size = block->size - need;
      rest->used = 0;
      block->size = need;
    }
    block->used = 1;
    return block + 1;
  }
  if (!grow_to(top + need)) return nullptr;
  Block* block = at(top);
  block->size = need;
  block->used = 1;
  top += need;
  return block + 1;
}

void release(void* p) {
  if (p) (static_cast<Block*>(p) - 1)->used = 0;
}

}  // namespace lico::wasm

LICO_EXPORT(lico_alloc) void* lico_alloc(size_t bytes) { return lico::wasm::allocate(bytes); }
LICO_EXPORT(lico_free) void lico_free(void* p) { lico::wasm::release(p); }
