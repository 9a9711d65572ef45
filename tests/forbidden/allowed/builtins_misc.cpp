// Allowlisted builtins and harmless constructs: __builtin_expect, bit
// builtins, offsetof, volatile, goto, statement expressions, __int128.
#include <cstddef>
#include <cstdint>

struct Hdr {
  std::uint16_t a;
  std::uint32_t b;
};

int run(std::uint64_t v, int n) {
  int r = 0;
  if (__builtin_expect(v == 0, 0))
    return -1;
  r += __builtin_popcountll(v) + __builtin_clzll(v | 1);
  r += static_cast<int>(__builtin_bswap32(static_cast<std::uint32_t>(v)) & 1);
  r += static_cast<int>(offsetof(Hdr, b));
  r += __builtin_constant_p(n) ? 1 : 0;
  volatile int sink = r;
  unsigned __int128 wide = static_cast<unsigned __int128>(v) * v;
  r += static_cast<int>(wide >> 120);
  int k = ({
    int t = n * 2;
    t + 1;
  });
  if (k > 10)
    goto out;
  r += k;
out:
  return r + sink;
}
