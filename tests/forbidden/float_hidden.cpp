// Floating point reached without writing `double`.
#include <limits> // expect-error: include

int hidden(int n) {
  auto x = n * 0.5f;                              // expect-error: floating-point
  auto big = std::numeric_limits<long double>::max(); // expect-error: floating-point
  return static_cast<int>(x) + (big > 0);         // expect-error: floating-point
}
