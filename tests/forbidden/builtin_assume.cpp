// Builtins that let the optimiser delete iu_rt's bounds check, or trap.
#include <iu/rt.h>

int get(iu::array<int, 4> &a, unsigned i) {
  __builtin_assume(i < 4); // expect-error: builtin
  if (i >= 4)
    __builtin_unreachable(); // expect-error: builtin
  return a[i];
}

void crash() {
  __builtin_trap(); // expect-error: builtin
}

unsigned long long tsc() {
  return __builtin_ia32_rdtsc(); // expect-error: builtin
}
