// User header with violations: included with quotes, checked as user code.
#pragma once

inline int sum(const int *p, int n) { // expect-error: raw-pointer
  int s = 0;
  for (int i = 0; i < n; ++i)
    s += p[i]; // expect-error: raw-subscript, raw-pointer
  return s;
}

#define UNSAFE_AT(arr, i) (*((arr) + (i)))
