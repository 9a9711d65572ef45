// A variable-length array sized by input can blow the kernel stack.
int sum_first(unsigned n) {
  int buf[n]; // expect-error: vla
  int s = 0;
  for (unsigned i = 0; i < n; ++i)
    s += static_cast<int>(i);
  static_cast<void>(sizeof(buf));
  return s;
}
