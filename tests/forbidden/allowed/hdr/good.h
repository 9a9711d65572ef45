// A clean user header, included with quotes (checked as user code).
#pragma once
#include <cstdint>

namespace app {
inline std::uint32_t rotl(std::uint32_t v, unsigned s) {
  return (v << (s & 31)) | (v >> ((32 - s) & 31));
}
} // namespace app
