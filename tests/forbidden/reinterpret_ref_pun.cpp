// Type punning through a reference: no pointer in sight, still a forgery.
#include <cstdint>

struct Secret {
  std::uint64_t key;
};

std::uint64_t steal(const long &cookie) {
  return reinterpret_cast<const Secret &>(cookie).key; // expect-error: reinterpret-cast
}
