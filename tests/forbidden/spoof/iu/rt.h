// A user file pretending to be iu_rt: same name as the trusted header, found
// first through a user -I. It is under the program's tree, not the trusted
// directory, so it is checked as user code.
#pragma once
#include <cstdint>

#define IU_CTX_LOAD(c, T, off) (*reinterpret_cast<const T *>(off)) // expect-error: macro

inline std::uint64_t iu_peek(std::uintptr_t a) {
  return *reinterpret_cast<const std::uint64_t *>(a); // expect-error: reinterpret-cast, raw-pointer
}
