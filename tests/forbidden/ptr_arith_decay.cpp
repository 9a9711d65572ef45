// Pointer arithmetic on an array decayed to a pointer: reads past the end.
int read_past(int idx) {
  int buf[4] = {1, 2, 3, 4};
  return *(buf + idx); // expect-error: pointer-arithmetic, raw-pointer
}
