// strlen-style walking of a pointer.
unsigned my_strlen(const char *s) { // expect-error: raw-pointer
  unsigned n = 0;
  while (*s) { // expect-error: raw-pointer
    ++s;       // expect-error: pointer-arithmetic, raw-pointer
    ++n;
  }
  return n;
}
