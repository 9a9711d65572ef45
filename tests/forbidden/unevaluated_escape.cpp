// A pointer type obtained from an unevaluated operand still cannot be used.
int escape(int &x) {
  decltype(&x) p = &x; // expect-error: raw-pointer
  return sizeof(p);
}
