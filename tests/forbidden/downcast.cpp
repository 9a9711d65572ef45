// Unchecked base-to-derived casts read beyond the real object.
struct Base {
  int kind;
};
struct Big : Base {
  unsigned long secret[4];
};

unsigned long confuse(Base &b) {
  Big &big = static_cast<Big &>(b); // expect-error: downcast
  return big.secret[3];             // expect-error: raw-subscript
}
