// Forging pointer-holding trusted objects with bit casts.
#include <bit>
#include <cstdint>
#include <iu/rt.h>

struct Flow {
  std::uint32_t a, b;
};

std::uint64_t forge(std::uint64_t v) {
  auto f = __builtin_bit_cast(Flow, v); // expect-error: builtin
  iu::raw_span span = std::bit_cast<iu::raw_span>(iu::array<std::uint64_t, 2>{{v, 64}}); // expect-error: bit-cast, ref-holder
  auto bytes = std::bit_cast<iu::array<unsigned char, 16>>(span); // expect-error: bit-cast
  return f.a + span.len + bytes[0];
}

int launder(int &x) {
  return *__builtin_launder(&x); // expect-error: builtin, raw-pointer
}
