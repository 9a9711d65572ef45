// Labels as values: an indirect jump anywhere.
int dispatch(unsigned op) {
  static constexpr void *table[] = {&&add, &&sub}; // expect-error: raw-pointer, computed-goto
  int v = 0;
  goto *table[op & 1]; // expect-error: computed-goto, raw-subscript
add:
  return v + 1;
sub:
  return v - 1;
}
