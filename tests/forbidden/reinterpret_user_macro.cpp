// A user macro doing what the trusted IU_CTX_LOAD does is refused: only the
// *spelling* location (here: this file) decides, not the macro mechanism.
#include <cstdint>
#include <iu/rt.h>

#define MY_LOAD(c, T, off) (*reinterpret_cast<const T *>((c).checked_off((off), 0)))

std::uint32_t first_word(const iu::ctx &c) {
  std::uint32_t ok = IU_CTX_LOAD(c, std::uint32_t, 0); // trusted: accepted
  return ok + MY_LOAD(c, std::uint32_t, 64); // expect-error: reinterpret-cast, raw-pointer
}
