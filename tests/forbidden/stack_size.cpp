// Huge or over-aligned locals on a small kernel stack.
int big() {
  unsigned char buf[8192] = {}; // expect-error: stack-size
  alignas(4096) unsigned char page[16] = {}; // expect-error: stack-size
  int s = 0;
  for (unsigned char b : buf)
    s += b;
  for (unsigned char b : page)
    s += b;
  return s;
}
