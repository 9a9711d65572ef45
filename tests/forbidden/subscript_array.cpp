// Unchecked indexing of a built-in array with an attacker-controlled index.
int lookup(unsigned idx) {
  static constexpr int table[8] = {0, 1, 1, 2, 3, 5, 8, 13};
  return table[idx]; // expect-error: raw-subscript
}

char nth(unsigned i) {
  return "kernel"[i]; // expect-error: raw-subscript
}
