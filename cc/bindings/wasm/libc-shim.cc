// The three functions the compiler emits calls to even without a libc. With -mbulk-memory the
// builtins become memory.copy and memory.fill, so these do not call themselves.
#include <stddef.h>

extern "C" {

void* memcpy(void* dst, const void* src, size_t n) {
  __builtin_memcpy(dst, src, n);
  return dst;
}

void* memmove(void* dst, const void* src, size_t n) {
  __builtin_memmove(dst, src, n);
  return dst;
}

void* memset(void* dst, int value, size_t n) {
  __builtin_memset(dst, value, n);
  return dst;
}

}
