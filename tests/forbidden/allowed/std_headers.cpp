// Use of the allowlisted freestanding headers.
#include <bit>
#include <climits>
#include <compare>
#include <concepts>
#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>
#include <version>

struct Version {
  int major, minor;
  auto operator<=>(const Version &) const = default;
};

static_assert(std::is_trivially_copyable_v<Version>);
static_assert(CHAR_BIT == 8);

int run(std::uint32_t raw) {
  std::pair<int, long> p{1, 2};
  std::swap(p.first, p.first);
  int old = std::exchange(p.first, 5);
  std::int32_t as_signed = std::bit_cast<std::int32_t>(raw);
  int pc = std::popcount(raw);
  int width = static_cast<int>(std::bit_width(raw));
  std::size_t n = sizeof(Version);
  std::byte b{0x2a};
  int max = INT_MAX;
  bool newer = Version{1, 2} < Version{1, 3};
  return old + as_signed + pc + width + static_cast<int>(n) +
         std::to_integer<int>(b) + (max > 0) + newer + p.first +
         static_cast<int>(p.second);
}
