// malloc/alloca: declaring the C allocator and the stack allocator builtin.
#include <cstddef>

extern "C" void *malloc(std::size_t); // expect-error: extern-decl, raw-pointer

int grow(std::size_t n) {
  void *a = __builtin_alloca(n); // expect-error: dynamic-memory, raw-pointer
  void *m = malloc(n);           // expect-error: dynamic-memory, raw-pointer
  return a != m;                 // expect-error: raw-pointer
}
