// Extending iu_rt: reopening its namespace, specialising its templates and
// defining functions it only declares.
#include <iu/rt.h>

struct Evil {
  int x;
};

namespace iu { // expect-error: trusted-decl
template <> struct array<Evil, 4> { // expect-error: trusted-decl
  Evil elems_[4];
  constexpr Evil &operator[](std::size_t i) { return elems_[i]; } // expect-error: raw-subscript
};
} // namespace iu

void iu::detail::on_event(int id) { static_cast<void>(id); } // expect-error: trusted-decl, internal-name
