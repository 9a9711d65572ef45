// Direct calls only, and all the ways to pass behaviour around that stay
// direct: lambdas and function objects passed to templates (instantiated for
// their closure type, so the call is to a known function), generic lambdas,
// recursion, calls through the trusted macros.
#include <iu/rt.h>

template <typename F> int apply(F &&f, int x) { return f(x); }
template <typename F> int twice(F f, int x) { return f(f(x)); }

struct Scale {
  int by = 2;
  int operator()(int x) const { return x * by; }
};

static int fact(int n) { return n <= 1 ? 1 : n * fact(n - 1); }
static int add_one(int x) { return x + 1; }

int run(int seed) {
  int bias = 3;
  auto add = [bias](int x) { return x + bias; };
  auto generic = [](auto x) { return x * 2; };
  int a = apply(add, seed);
  int b = twice(Scale{3}, seed);
  int c = apply(generic, a);
  int d = apply([](int x) { return add_one(x); }, b); // wrap a function in a lambda
  IU_LOG("calls");
  return a + b + c + d + fact(5);
}
