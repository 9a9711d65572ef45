// Read kernel memory through a pointer forged from an integer address.
#include <cstdint>

struct cred {
  std::uint32_t usage;
  std::uint32_t uid;
};

std::uint32_t peek_uid() {
  const std::uintptr_t addr = 0xffffffff82a5c0c0ull;
  // expect-error@+1: reinterpret-cast, raw-pointer
  const cred *c = reinterpret_cast<const cred *>(addr);
  return c->uid; // expect-error: raw-pointer
}
