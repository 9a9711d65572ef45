// C-variadic function types, lambdas and function references.
using logger = int(const char (&)[4], ...); // expect-error: varargs

int call(logger &l) { // expect-error: varargs
  auto v = [](int, ...) { return 0; }; // expect-error: varargs
  return v(1) + l("abc", 1); // expect-error: varargs, indirect-call
}
