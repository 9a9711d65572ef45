// Placement new over a local buffer to re-type it (user-declared placement
// operator new, since <new> is not allowed).
#include <cstddef>

inline void *operator new(std::size_t, void *where) noexcept { return where; } // expect-error: dynamic-memory, raw-pointer

struct Evil {
  unsigned long target;
};

unsigned long retype() {
  alignas(8) unsigned char storage[sizeof(Evil)] = {};
  Evil *e = new (storage) Evil{0xffffffff81000000ul}; // expect-error: dynamic-memory, raw-pointer
  return e->target; // expect-error: raw-pointer
}
