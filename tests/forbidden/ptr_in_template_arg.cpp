// Pointers smuggled in as template arguments of otherwise fine types.
#include <iu/rt.h>
#include <utility>

int count(iu::array<int *, 4> &slots) { // expect-error: raw-pointer
  std::pair<int, char *> p{1, nullptr}; // expect-error: raw-pointer
  return p.first + static_cast<int>(slots.size());
}
