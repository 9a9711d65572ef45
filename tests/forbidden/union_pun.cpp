// Type punning a union to forge a pointer from an integer.
#include <cstdint>

union Pun { // expect-error: union
  std::uint64_t addr;
  std::uint32_t *ptr; // expect-error: raw-pointer
};

struct Packet {
  union { // expect-error: union
    std::uint32_t word;
    std::uint8_t bytes[4];
  };
};

std::uint32_t read_any(std::uint64_t a) {
  Pun p{a};
  Packet pk{};
  pk.word = 1;
  return *p.ptr + pk.word; // expect-error: raw-pointer
}
