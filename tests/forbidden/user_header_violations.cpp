// Violations inside a quoted user header are reported in the header; a user
// macro from it is reported where it is expanded.
#include "hdr/bad_helpers.h"

int first(int i) {
  int a[2] = {1, 2};
  return UNSAFE_AT(a, i); // expect-error: pointer-arithmetic, raw-pointer
}
