// A false no-alias promise lets the optimiser reuse stale values.
void copy_len(int &__restrict dst, int &__restrict src) { // expect-error: restrict
  dst = src;
}
