// ref-member: an object that holds a reference can outlive its referent
// (returned, copied into a longer-lived object, kept in a global), so no
// member or base of a user class may hold one: references, capturing
// closures, std::initializer_list, pairs of references, and user templates
// instantiated with them.
#include <initializer_list>
#include <utility>

struct View {
  const int &first; // expect-error: ref-member
  int len = 0;
};

struct Span {
  std::initializer_list<int> items; // expect-error: ref-member
};

struct Pair {
  std::pair<int &, int> kv; // expect-error: ref-member
};

int build(int x) {
  auto get = [&x] { return x; };
  struct Task {
    decltype(get) fn; // expect-error: ref-member
  };
  Task t{get};
  return t.fn();
}

template <typename T> struct Box {
  T value; // expect-error: ref-member
};
int boxed(int &r) {
  Box<int &> b{r};
  return b.value;
}

// Holding one through a base class.
struct Derived : std::pair<const int &, int> { // expect-error: ref-member
  using pair::pair;
};
