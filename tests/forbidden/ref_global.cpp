// ref-global: static storage outlives every invocation, so it may not hold a
// reference: a reference or closure kept there refers to a frame of an
// earlier invocation (or another CPU's), up to control of the return address.
#include <initializer_list>
#include <utility>

static int g_value = 1;
static int &g_ref = g_value; // expect-error: ref-global

int remember(int &arg) {
  // A function-local static closure capturing a parameter by reference:
  // initialised once, used by every later call.
  static auto keep = [&arg] { return arg; }; // expect-error: ref-global, static-init
  return keep();
}

static const std::initializer_list<int> g_list = {1, 2, 3}; // expect-error: ref-global

struct Registry {
  static std::pair<int &, int> slot; // expect-error: ref-global, extern-decl
};

// A reference template parameter refers to static storage that the template
// can then pass around as a reference.
template <int &R> struct Bound { // expect-error: ref-global
  int get() const { return R; }
};
