// Specialising standard templates (e.g. to make std::bit_cast accept a type).
#include <limits> // expect-error: include
#include <type_traits>

struct Handle {
  int id;
};

template <> struct std::is_trivially_copyable<Handle> : std::true_type {}; // expect-error: trusted-decl
template <> class std::numeric_limits<Handle> { // expect-error: trusted-decl
public:
  static constexpr bool is_specialized = true;
};

namespace std { // expect-error: trusted-decl
inline int my_helper() { return 0; }
} // namespace std
