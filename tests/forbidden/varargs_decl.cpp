// A C variadic function walking va_list: reads arbitrary stack slots.
int sum_all(int n, ...) { // expect-error: varargs
  __builtin_va_list ap;   // expect-error: varargs
  __builtin_va_start(ap, n); // expect-error: varargs, raw-pointer
  int s = 0;
  for (int i = 0; i < n; ++i)
    s += __builtin_va_arg(ap, int); // expect-error: varargs, raw-pointer
  __builtin_va_end(ap);             // expect-error: varargs, raw-pointer
  return s;
}
