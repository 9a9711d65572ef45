// Loops (the time budget bounds them) and recursion (the runtime stack
// checks bound it); range-for over built-in and iu_rt arrays.
#include <initializer_list>
#include <iu/rt.h>

unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

int sum_builtin() {
  int table[5] = {1, 2, 3, 4, 5};
  int s = 0;
  for (int v : table)
    s += v;
  for (int &v : table)
    v = 0;
  return s;
}

int sum_iu(const iu::array<int, 4> &a) {
  int s = 0;
  for (std::size_t i = 0; i < a.size(); ++i)
    s += a[i];
  for (const int &v : a)
    s += v;
  return s;
}

int sum_list() {
  int s = 0;
  for (int v : {1, 2, 3})
    s += v;
  int i = 0;
  while (i < 10) {
    ++i;
    if (i == 3)
      continue;
  }
  do {
    --i;
  } while (i > 0);
  return s + i + static_cast<int>(fib(10));
}
