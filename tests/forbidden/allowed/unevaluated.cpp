// Pointer-typed expressions in unevaluated operands produce no value: fine.
struct Node {
  int value;
  int other;
};

int sizes(const Node &n) {
  static_assert(sizeof(&n) == 8);
  static_assert(noexcept(&n));
  return static_cast<int>(sizeof(__typeof__(&n)) + alignof(Node));
}
