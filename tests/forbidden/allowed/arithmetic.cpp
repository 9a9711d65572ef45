// Integer arithmetic, static_cast between arithmetic types, constexpr.
#include <cstdint>

constexpr std::uint32_t kMask = 0xff00ff00u;

constexpr std::uint64_t mix(std::uint64_t a, std::uint32_t b) {
  std::uint64_t x = a ^ (static_cast<std::uint64_t>(b) << 13);
  x *= 0x9e3779b97f4a7c15ull;
  return x ^ (x >> 29);
}

static_assert(mix(1, 2) != 0);

enum class Kind : std::uint8_t { Read = 1, Write = 2 };

int classify(long v, unsigned shift) {
  int small = static_cast<int>(v & 0x7fff);
  unsigned char byte = static_cast<unsigned char>(v >> (shift & 7));
  bool neg = v < 0;
  Kind k = neg ? Kind::Write : Kind::Read;
  int r = small % 7 + byte / 3 - (neg ? 1 : 0);
  r += static_cast<int>(k);
  r = int(kMask >> 24) + r; // functional cast between arithmetic types
  return r;
}
