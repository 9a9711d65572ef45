// std::addressof (reachable through <utility>) and the builtin behind it.
#include <utility>

struct Obj {
  int v;
};

bool same(Obj &a, Obj &b) {
  return std::addressof(a) == __builtin_addressof(b); // expect-error: raw-pointer
}
