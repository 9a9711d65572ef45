// indirect-call: extension code makes direct calls only (the machine-code
// check refuses indirect branches, so the language must not produce them):
// a function may be named only to call it. No function references or values,
// no calls through them, through member pointers or conversions; virtual
// functions are refused separately (virtual_dispatch.cpp). Lambdas and
// function objects are called directly.
static int twice(int x) { return 2 * x; }
static int thrice(int x) { return 3 * x; }

template <typename F> int apply(F &&f, int x) { return f(x); } // expect-error: indirect-call

int by_reference(int c) {
  int (&f)(int) = c ? twice : thrice; // expect-error: indirect-call
  return f(c);                        // expect-error: indirect-call
}

int through_template(int c) {
  return apply(twice, c); // expect-error: indirect-call
}

struct Table {
  static int pick(int x) { return x; }
};
int static_member_value(int c) {
  auto &fn = Table::pick; // expect-error: indirect-call
  return fn(c);           // expect-error: indirect-call
}

// A conversion to a function reference makes `obj(x)` an indirect call.
using Fn = int(int);
struct Dispatch {
  int which = 0;
  operator Fn &() const { return which ? twice : thrice; } // expect-error: indirect-call
};
int surrogate(int c) {
  Dispatch d{c};
  return d(c); // expect-error: indirect-call
}

// A function reference as a template argument.
template <int (&F)(int)> int call_nttp(int x) { return F(x); } // expect-error: ref-global
